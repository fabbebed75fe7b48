package com.driftsentry.gate.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.evidence.GroupEvidence;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The regression rule on real noise: the histories recorded on this machine replayed (see {@link Histories}). */
class ChangeRuleTest {
    @Test
    void theRankEffectIsAHalfForEqualDistributionsAndOneForDisjointOnes() {
        Histogram fast = histogram(1, 2, 3, 4);
        Histogram slow = histogram(10, 11, 12, 13);
        assertEquals(0.5, a(fast, histogram(1, 2, 3, 4)), 1e-9);
        assertEquals(1.0, a(slow, fast), 1e-9);
        assertEquals(0.0, a(fast, slow), 1e-9);
        // 2 vs {1,2,3,4}: beats 1, ties 2 → (1 + ½)/4; the same for the second 2; 3 → 2.5/4; 4 → 3.5/4.
        assertEquals((1.5 + 1.5 + 2.5 + 3.5) / 16, a(histogram(2, 2, 3, 4), histogram(1, 2, 3, 4)), 1e-9, "ties count a half");
        assertEquals(3, Distribution.of(histogram(1, 2, 3, 4)).percentile(75));
    }

    @Test
    void theHealthyBuildsHistoryRaisesNoAlarm() {
        List<ChangeRule.Run> aa = Histories.load("aa");
        assertTrue(aa.size() >= 40, "at least 40 recorded runs: " + aa.size());
        assertEquals(List.of(), ChangeRule.all(aa), "no change in a history of one healthy build");
    }

    @Test
    void aTwentyPercentLatencyStepOnOneRouteIsFoundWithinThreeRuns() {
        List<Change> changes = ChangeRule.latency(Histories.stepped("latency-step"), "drifts");
        assertEquals(1, changes.size(), "one change: " + changes);
        Change c = changes.get(0);
        assertTrue(c.from() >= Histories.STEP_AT, "nothing before the step: " + c);
        assertTrue(c.confirmedAt() - Histories.STEP_AT <= 2, "confirmed by the third run after the step at the latest: " + c);
        assertTrue(c.size().startsWith("p50 +"), c.size());
    }

    @Test
    void aOnePointErrorStepIsFoundWithinThreeRunsAndTheLatencyStepRaisesNoErrorAlarm() {
        List<Change> changes = ChangeRule.errorRate(Histories.stepped("error-step"), "global");
        assertEquals(1, changes.size(), "one change: " + changes);
        assertTrue(changes.get(0).from() >= Histories.STEP_AT && changes.get(0).confirmedAt() - Histories.STEP_AT <= 2, changes.toString());
        assertEquals(List.of(), ChangeRule.errorRate(Histories.stepped("latency-step"), "global"));
    }

    @Test
    void aRunTooSmallToTellIsNotJudgedAndTeachesNothing() {
        List<ChangeRule.Run> aa = Histories.load("aa");
        assertEquals(List.of(), ChangeRule.latency(aa.subList(0, ChangeRule.MIN_WINDOW), "drifts"), "fewer runs than a reference needs");
    }

    private static double a(Histogram run, Histogram reference) {
        return Distribution.of(run).rankEffectOver(Distribution.of(reference));
    }

    private static Histogram histogram(long... values) {
        Histogram h = GroupEvidence.newHistogram();
        for (long v : values) {
            h.recordValue(v);
        }
        return h;
    }
}
