package com.driftsentry.gate.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.environment.Metric;
import com.driftsentry.gate.environment.Threshold;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.evidence.Evidences;
import com.driftsentry.gate.evidence.MemorySeries;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.VerdictLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MemoryGrowthCriterionTest {
    static final long MB = 1L << 20;
    static final Threshold ONE_GB_PER_HOUR = JudgeTest.t("global", Metric.MEMORY_GROWTH, Threshold.Bound.MAX, 1024.0 * MB, 60, "1GB/h");

    /** Heap (a sawtooth over its floor) and resident memory every 250 ms; both floors grow by {@code leakMbPerSecond}. */
    static Evidence run(int seconds, double leakMbPerSecond) {
        Random random = new Random(seconds);
        Instant start = Instant.parse("2026-12-02T03:00:00Z");
        List<MemorySeries.Sample> samples = new ArrayList<>();
        for (int i = 0; i <= seconds * 4; i++) {
            double t = i / 4.0;
            double heap = 30 + leakMbPerSecond * t + (t % 1.5) * 8 + random.nextGaussian();
            double resident = 200 + leakMbPerSecond * t + random.nextGaussian() * 2;
            samples.add(new MemorySeries.Sample(start.plusMillis(i * 250L), (long) (resident * MB), (long) (heap * MB)));
        }
        return new Evidences().add("drifts", 100, 10, 200).build().withMemory(new MemorySeries(samples));
    }

    @Test
    void aLeakFailsNamingTheMemoryAndItsLowestLikelyGrowth() {
        VerdictLine line = JudgeTest.judge(ONE_GB_PER_HOUR, run(40, 2.0));
        assertEquals(Outcome.FAIL, line.outcome(), line.toString());
        assertTrue(line.reason().matches("heap grows by at least \\+[0-9.]+ GB/h \\(95% interval\\), over 1GB/h"), line.reason());
        assertTrue(line.measured().contains("heap +") && line.measured().contains("resident +"), line.measured());
        assertTrue(line.window().contains("after 10.0s of warm-up"), line.window());
    }

    @Test
    void flatMemoryPassesWhenTheWholeIntervalIsUnderTheBound() {
        VerdictLine line = JudgeTest.judge(ONE_GB_PER_HOUR, run(40, 0));
        assertEquals(Outcome.PASS, line.outcome(), line.toString());
        assertEquals(121, line.samples(), "readings after the first quarter");
    }

    @Test
    void aRunTooShortToTellIsInconclusiveNeverAPass() {
        Threshold tight = JudgeTest.t("global", Metric.MEMORY_GROWTH, Threshold.Bound.MAX, 8.0 * MB, 60, "8MB/h");
        VerdictLine line = JudgeTest.judge(tight, run(40, 0));
        assertEquals(Outcome.INCONCLUSIVE, line.outcome(), line.toString());
        assertTrue(line.reason().startsWith("too short to tell: ") && line.reason().endsWith("(fix: a longer hold)"), line.reason());
        VerdictLine fewReadings = JudgeTest.judge(ONE_GB_PER_HOUR, run(10, 0));
        assertEquals(Outcome.INCONCLUSIVE, fewReadings.outcome(), fewReadings.toString());
        assertTrue(fewReadings.reason().contains("60 needed"), fewReadings.reason());
    }

    @Test
    void aTargetWithoutMemoryFiguresIsInconclusive() {
        VerdictLine line = JudgeTest.judge(ONE_GB_PER_HOUR, new Evidences().add("drifts", 100, 10, 200).build());
        assertEquals(Outcome.INCONCLUSIVE, line.outcome());
        assertTrue(line.reason().contains("process_resident_memory_bytes"), line.reason());
    }
}
