package com.driftsentry.gate.abort;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.environment.LoadGateConfig;
import org.junit.jupiter.api.Test;

class EarlyAbortTest {
    final LoadGateConfig.EarlyAbortConfig config = new LoadGateConfig.EarlyAbortConfig(100, 0.10, 0.20, false);

    @Test
    void waitsForAFullWindowThenTripsOnErrors() {
        EarlyAbort abort = new EarlyAbort(config);
        for (int i = 0; i < 99; i++) {
            abort.observe(true, false);
        }
        assertFalse(abort.tripped(), "99 outcomes are not a window yet");
        abort.observe(true, false);
        assertTrue(abort.tripped());
        assertTrue(abort.reason().orElseThrow().contains("error rate 100.0% over the last 100"), abort.reason().orElseThrow());
    }

    @Test
    void withAZeroErrorBudgetTheFirstErrorDecidesAtOnce() {
        EarlyAbort abort = new EarlyAbort(new LoadGateConfig.EarlyAbortConfig(100, 0.10, 0.20, true));
        for (int i = 0; i < 40; i++) {
            abort.observe(false, i % 10 == 0);
        }
        assertFalse(abort.tripped(), "slow requests alone wait for a full window");
        abort.observe(true, false);
        assertTrue(abort.tripped());
        assertTrue(abort.reason().orElseThrow().contains("(request 41) with an error budget of 0%"), abort.reason().orElseThrow());
    }

    @Test
    void aFewErrorsInAHealthyStreamDoNotTrip() {
        EarlyAbort abort = new EarlyAbort(config);
        for (int i = 0; i < 10_000; i++) {
            abort.observe(i % 20 == 0, i % 10 == 0);
        }
        assertFalse(abort.tripped(), "5% errors and 10% slow stay under 10% and 20%");
    }

    @Test
    void oldOutcomesLeaveTheWindow() {
        EarlyAbort abort = new EarlyAbort(config);
        for (int i = 0; i < 9; i++) {
            abort.observe(true, false);
        }
        for (int i = 0; i < 1000; i++) {
            abort.observe(false, false);
        }
        for (int i = 0; i < 9; i++) {
            abort.observe(true, false);
        }
        assertFalse(abort.tripped(), "9 of the last 100 is under 10%");
        abort.observe(true, false);
        assertTrue(abort.tripped());
    }

    @Test
    void tripsOnSlowRequestsToo() {
        EarlyAbort abort = new EarlyAbort(config);
        for (int i = 0; i < 100; i++) {
            abort.observe(false, i % 4 == 0);
        }
        assertTrue(abort.tripped());
        assertTrue(abort.reason().orElseThrow().contains("slower than their latency bound"));
    }
}
