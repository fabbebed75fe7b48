package com.driftsentry.gate.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.environment.Metric;
import com.driftsentry.gate.environment.Threshold;
import com.driftsentry.gate.evidence.Evidences;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KneeTest {
    static final Judge JUDGE = Judge.of(JudgeTest.gate(0,
            JudgeTest.t("global", Metric.P99, Threshold.Bound.MAX, 500, 100, "500ms"),
            JudgeTest.t("drifts", Metric.P99, Threshold.Bound.MAX, 100, 100, "100ms")), Optional.empty());

    static Knee.Level level(double rate, long ms) {
        return new Knee.Level(rate, new Evidences().add("drifts", 200, ms, 200).build());
    }

    static VerdictLine line(List<VerdictLine> lines, String prefix) {
        return lines.stream().filter(l -> l.criterion().startsWith(prefix)).findFirst().orElseThrow();
    }

    @Test
    void aBreakAboveThePeakIsTheKneeAndTheRunPasses() {
        List<VerdictLine> lines = Knee.judge(JUDGE, 50, List.of(level(25, 100), level(50, 200), level(75, 900)), 600);
        assertEquals(4, lines.size(), "one line per level on the global bound, and the knee");
        VerdictLine broke = line(lines, "level 3 (75 users/s): global p99 <= 500ms");
        assertEquals(Outcome.PASS, broke.outcome(), "above the peak a break is the finding");
        assertTrue(broke.reason().startsWith("broke here, above the 50 users/s peak") && broke.reason().contains("900 ms is over 500ms"),
                broke.reason());
        VerdictLine knee = line(lines, "highest passing rate");
        assertEquals("knee at 50 users/s", knee.measured());
        assertEquals(Outcome.PASS, Verdict.of("load", "e", "s", "t", lines).outcome());
    }

    @Test
    void aBreakAtOrBelowThePeakKeepsItsFailureAndTheKneeFails() {
        List<VerdictLine> lines = Knee.judge(JUDGE, 50, List.of(level(25, 100), level(50, 900)), 400);
        assertEquals(Outcome.FAIL, line(lines, "level 2 (50 users/s)").outcome());
        assertEquals(Outcome.FAIL, line(lines, "highest passing rate").outcome());
        assertEquals("knee at 25 users/s", line(lines, "highest passing rate").measured());
    }

    @Test
    void eachLevelIsJudgedByTheSameCriterionAsTheWholeRun() {
        Knee.Level only = level(25, 500);
        VerdictLine whole = JUDGE.lines(only.evidence()).get(0);
        VerdictLine perLevel = Knee.judge(JUDGE, 25, List.of(only), 200).get(0);
        assertEquals(whole.outcome(), perLevel.outcome());
        assertEquals(whole.measured(), perLevel.measured());
        assertEquals("level 1 (25 users/s): " + whole.criterion(), perLevel.criterion());
    }
}
