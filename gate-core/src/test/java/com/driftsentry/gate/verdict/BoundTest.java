package com.driftsentry.gate.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.evidence.Percentiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one bound rule and the one no-data rule every gate judges by. */
class BoundTest {
    @Test
    void theBoundItselfIsWithinForAMaximumAndForAMinimum() {
        assertTrue(Bound.atMost(500).admits(500));
        assertFalse(Bound.atMost(500).admits(501));
        assertTrue(Bound.atMost(500).admits(0));
        assertTrue(Bound.atLeast(0.999).admits(0.999));
        assertFalse(Bound.atLeast(0.999).admits(0.998));
        assertTrue(Bound.atLeast(0.999).admits(1.0));
    }

    @Test
    void aValueEqualToItsBoundOnPaperIsNotRefusedForItsLastBit() {
        // 0.1 + 0.2 is 0.30000000000000004 in floating point.
        assertTrue(Bound.atMost(0.3).admits(0.1 + 0.2));
        assertTrue(Bound.atLeast(0.3).admits(0.3 - 1e-12));
        assertFalse(Bound.atMost(0.3).admits(0.3001));
        assertFalse(Bound.atMost(1_000_000).admits(1_000_001), "the slack is relative, never a whole unit");
    }

    @Test
    void theBoundReadsAsItIsJudged() {
        assertEquals("<= 500 MB", Bound.atMost(500e6).written("500 MB"));
        assertEquals(">= 99.90%", Bound.atLeast(0.999).written("99.90%"));
    }

    @Test
    void fewerSamplesThanNeededIsInconclusiveWhateverWasMeasured() {
        VerdictLine.Builder line = VerdictLine.of("p95").threshold("<= 500 ms").samples(19, 20);
        VerdictLine within = line.judged(Bound.atMost(500), 1, "within", "over");
        VerdictLine over = line.judged(Bound.atMost(500), 9_999, "within", "over");
        assertEquals(Outcome.INCONCLUSIVE, within.outcome());
        assertEquals(Outcome.INCONCLUSIVE, over.outcome(), "too little data is never a verdict, not even a failing one");
        assertEquals("only 19 sample(s), 20 needed to judge", over.reason());
        assertEquals(Outcome.PASS, line.samples(20, 20).judged(Bound.atMost(500), 500, "within", "over").outcome());
        assertEquals(Outcome.FAIL, line.samples(20, 20).judged(Bound.atMost(500), 501, "within", "over").outcome());
    }

    @Test
    void onePercentileFunctionForHistogramsAndForMillisecondLists() {
        List<Double> loads = List.of(100.0, 200.0, 300.0, 400.0, 1000.0);
        assertEquals(1000.0, Percentiles.ofMillis(loads, 95), 1.0);
        assertEquals(300.0, Percentiles.ofMillis(loads, 50), 0.5);
        assertEquals(0.0, Percentiles.ofMillis(List.of(), 95));
    }
}
