package com.driftsentry.gate.abort;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.criteria.Judge;
import com.driftsentry.gate.environment.LoadGateConfig;
import com.driftsentry.gate.environment.Metric;
import com.driftsentry.gate.environment.Threshold;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EarlyAbortTest {
    static final LoadGateConfig.EarlyAbortConfig CONFIG = new LoadGateConfig.EarlyAbortConfig(100, 0.10, 0.20);
    static final Threshold DRIFTS_P99 = new Threshold("drifts", Metric.P99, Threshold.Bound.MAX, 499.6, 100, "499.6ms", "t[0]");
    static final Threshold NO_ERRORS = new Threshold("global", Metric.ERROR_RATE, Threshold.Bound.MAX, 0, 100, "0%", "t[1]");
    static final Threshold NO_5XX_IN_WRITES = new Threshold("writes", Metric.SERVER_ERROR_RATE, Threshold.Bound.MAX, 0, 100, "0%", "t[2]");

    static EarlyAbort abort(Threshold... thresholds) {
        LoadGateConfig gate = new LoadGateConfig("S", new LoadGateConfig.Profile(1, Duration.ofSeconds(1), Duration.ofSeconds(1)), 0,
                List.of(thresholds), CONFIG, Optional.empty(), "test.yaml");
        return new EarlyAbort(CONFIG, Judge.of(gate, Optional.empty()));
    }

    @Test
    void waitsForAFullWindowThenTripsOnErrors() {
        EarlyAbort abort = abort(DRIFTS_P99);
        for (int i = 0; i < 99; i++) {
            abort.observe("drifts", 503, 10, false);
        }
        assertFalse(abort.tripped(), "99 outcomes are not a window yet");
        abort.observe("drifts", 503, 10, false);
        assertTrue(abort.tripped());
        assertTrue(abort.reason().orElseThrow().contains("error rate 100.0% over the last 100"), abort.reason().orElseThrow());
    }

    @Test
    void withAZeroErrorBudgetTheFirstErrorDecidesAtOnce() {
        EarlyAbort abort = abort(DRIFTS_P99, NO_ERRORS);
        for (int i = 0; i < 40; i++) {
            abort.observe("drifts", 200, i % 10 == 0 ? 600 : 10, true);
        }
        assertFalse(abort.tripped(), "slow requests alone wait for a full window");
        abort.observe("drifts", 404, 10, false);
        assertTrue(abort.tripped());
        assertTrue(abort.reason().orElseThrow().contains("(request 41, drifts 404) with an error budget of 0%: global errorRate <= 0%"),
                abort.reason().orElseThrow());
    }

    @Test
    void aZeroBoundOnOneGroupIsDecidedOnlyByThatGroupsFailuresOfItsKind() {
        EarlyAbort abort = abort(NO_5XX_IN_WRITES);
        abort.observe("drifts", 500, 10, false);
        abort.observe("writes", 409, 10, false);
        assertFalse(abort.tripped(), "a 5xx elsewhere, or a 4xx in writes, cannot fail writes serverErrorRate <= 0%");
        abort.observe("writes", 502, 10, false);
        assertTrue(abort.reason().orElseThrow().contains("writes serverErrorRate <= 0%"), abort.reason().orElseThrow());
    }

    @Test
    void aFewErrorsInAHealthyStreamDoNotTrip() {
        EarlyAbort abort = abort(DRIFTS_P99);
        for (int i = 0; i < 10_000; i++) {
            abort.observe("drifts", i % 20 == 0 ? 500 : 200, i % 10 == 0 ? 700 : 20, i % 20 != 0);
        }
        assertFalse(abort.tripped(), "5% errors and 10% slow stay under 10% and 20%");
    }

    @Test
    void oldOutcomesLeaveTheWindow() {
        EarlyAbort abort = abort(DRIFTS_P99);
        for (int i = 0; i < 9; i++) {
            abort.observe("drifts", 500, 10, false);
        }
        for (int i = 0; i < 1000; i++) {
            abort.observe("drifts", 200, 10, true);
        }
        for (int i = 0; i < 9; i++) {
            abort.observe("drifts", 500, 10, false);
        }
        assertFalse(abort.tripped(), "9 of the last 100 is under 10%");
        abort.observe("drifts", 500, 10, false);
        assertTrue(abort.tripped());
    }

    @Test
    void slowIsWhatTheLatencyCriterionSaysSlowIs() {
        EarlyAbort atTheBound = abort(DRIFTS_P99);
        for (int i = 0; i < 100; i++) {
            atTheBound.observe("drifts", 200, 499, true);
            atTheBound.observe("dashboard", 200, 5_000, true);
        }
        assertFalse(atTheBound.tripped(), "499 ms is within 499.6 ms, and dashboard has no latency bound");
        EarlyAbort over = abort(DRIFTS_P99);
        for (int i = 0; i < 100; i++) {
            over.observe("drifts", 200, i % 4 == 0 ? 500 : 20, true);
        }
        assertTrue(over.tripped());
        assertTrue(over.reason().orElseThrow().contains("slower than their latency bound"));
    }
}
