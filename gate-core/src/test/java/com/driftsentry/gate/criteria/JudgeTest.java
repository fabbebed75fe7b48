package com.driftsentry.gate.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.environment.LoadGateConfig;
import com.driftsentry.gate.environment.Metric;
import com.driftsentry.gate.environment.Threshold;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.evidence.Evidences;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JudgeTest {
    static Threshold t(String scope, Metric metric, Threshold.Bound bound, double value, long minSamples, String written) {
        return new Threshold(scope, metric, bound, value, minSamples, written, "gates.load.thresholds[0]");
    }

    static VerdictLine judge(Threshold threshold, Evidence e) {
        return Judge.criterion(threshold, Optional.empty()).judge(e);
    }

    static Verdict verdict(LoadGateConfig gate, Evidence e) {
        return Verdict.of("load", "test", e.simulation(), "t", Judge.of(gate, Optional.empty()).lines(e));
    }

    static LoadGateConfig gate(long minRequests, Threshold... thresholds) {
        return new LoadGateConfig("TestSimulation", new LoadGateConfig.Profile(10, Duration.ofSeconds(1), Duration.ofSeconds(1)),
                minRequests, List.of(thresholds), new LoadGateConfig.EarlyAbortConfig(100, 0.1, 0.1), Optional.empty(), "test.yaml");
    }

    @Test
    void latencyPercentilePassesAtTheBoundAndFailsAbove() {
        Evidence e = new Evidences().add("drifts", 990, 100, 200).add("drifts", 10, 600, 200).build();
        VerdictLine p99 = judge(t("drifts", Metric.P99, Threshold.Bound.MAX, 500, 100, "500ms"), e);
        assertEquals(Outcome.PASS, p99.outcome(), p99.toString());
        VerdictLine p999 = judge(t("drifts", Metric.P999, Threshold.Bound.MAX, 500, 1000, "500ms"), e);
        assertEquals(Outcome.FAIL, p999.outcome());
        assertTrue(p999.measured().contains("600"), p999.measured());
        assertEquals(1000, p999.samples());
        assertTrue(p999.reason().contains("over 500ms"));
        assertTrue(p999.window().contains("s ("), p999.window());
    }

    @Test
    void fewerSamplesThanTheMinimumIsInconclusiveEvenWhenTheValueLooksFine() {
        Evidence e = new Evidences().add("drifts", 50, 10, 200).build();
        VerdictLine line = judge(t("drifts", Metric.P99, Threshold.Bound.MAX, 500, 100, "500ms"), e);
        assertEquals(Outcome.INCONCLUSIVE, line.outcome());
        assertTrue(line.reason().contains("50") && line.reason().contains("100"), line.reason());
    }

    @Test
    void anErrorAgainstAZeroBoundIsACertainFailureEvenBelowTheMinimum() {
        Evidence e = new Evidences().add("g", 30, 5, 200).add("g", 1, 5, 500).build();
        VerdictLine zero = judge(t("global", Metric.ERROR_RATE, Threshold.Bound.MAX, 0, 100, "0%"), e);
        assertEquals(Outcome.FAIL, zero.outcome(), "31 samples, but no later request can undo the error");
        assertTrue(zero.reason().contains("break a 0% bound"), zero.reason());
        VerdictLine onePercent = judge(t("global", Metric.ERROR_RATE, Threshold.Bound.MAX, 0.01, 100, "1%"), e);
        assertEquals(Outcome.INCONCLUSIVE, onePercent.outcome(), "with a 1% bound more requests could still pass");
    }

    @Test
    void noDataAtAllNeverPasses() {
        Evidence empty = new Evidences().build();
        for (Threshold th : List.of(t("global", Metric.P99, Threshold.Bound.MAX, 500, 100, "500ms"),
                t("global", Metric.ERROR_RATE, Threshold.Bound.MAX, 0, 100, "0%"),
                t("global", Metric.THROUGHPUT, Threshold.Bound.MIN, 0.1, 1, "0.1/s"),
                t("global", Metric.REQUESTS, Threshold.Bound.MIN, 1, 1, "1"))) {
            assertEquals(Outcome.INCONCLUSIVE, judge(th, empty).outcome(), th.describe());
        }
        assertEquals(Outcome.INCONCLUSIVE, verdict(gate(0), empty).outcome(), "no thresholds, no data");
    }

    @Test
    void errorRateCountsUnexpectedAndServerErrorRateOnly5xx() {
        Evidence e = new Evidences().add("g", 190, 5, 200).add("g", 6, 5, 404).add("g", 4, 5, 500).build();
        VerdictLine errors = judge(t("global", Metric.ERROR_RATE, Threshold.Bound.MAX, 0.04, 100, "4%"), e);
        assertEquals(Outcome.FAIL, errors.outcome());
        assertEquals("5.00% (10 of 200)", errors.measured());
        VerdictLine server = judge(t("global", Metric.SERVER_ERROR_RATE, Threshold.Bound.MAX, 0.02, 100, "2%"), e);
        assertEquals(Outcome.PASS, server.outcome());
        assertEquals("2.00% (4 of 200)", server.measured());
    }

    @Test
    void throughputAndRequestCount() {
        Evidence e = new Evidences().add("g", 101, 5, 200).build();
        // 101 requests 10 ms apart: a 1 s window, about 100/s.
        assertEquals(Outcome.PASS, judge(t("global", Metric.THROUGHPUT, Threshold.Bound.MIN, 50, 1, "50/s"), e).outcome());
        assertEquals(Outcome.FAIL, judge(t("global", Metric.THROUGHPUT, Threshold.Bound.MIN, 500, 1, "500/s"), e).outcome());
        assertEquals(Outcome.PASS, judge(t("global", Metric.REQUESTS, Threshold.Bound.MIN, 100, 100, "100"), e).outcome());
        assertEquals(Outcome.INCONCLUSIVE, judge(t("global", Metric.REQUESTS, Threshold.Bound.MIN, 500, 500, "500"), e).outcome());
    }

    @Test
    void cacheHitRatioFromTheTargetsCounters() {
        Threshold th = t("global", Metric.CACHE_HIT_RATIO, Threshold.Bound.MIN, 0.8, 20, "80%");
        assertEquals(Outcome.PASS, judge(th, new Evidences().build(90, 10)).outcome());
        VerdictLine low = judge(th, new Evidences().build(70, 30));
        assertEquals(Outcome.FAIL, low.outcome());
        assertEquals("70.0% (70 hits of 100)", low.measured());
        assertEquals(Outcome.INCONCLUSIVE, judge(th, new Evidences().build(5, 0)).outcome(), "5 lookups are too few");
        assertEquals(Outcome.INCONCLUSIVE, judge(th, new Evidences().build()).outcome(), "no counters at all");
    }

    @Test
    void regressionAgainstABaseline() {
        Threshold th = t("global", Metric.P99, Threshold.Bound.MAX_REGRESSION, 0.2, 100, "20%");
        Evidence baseline = new Evidences().add("g", 200, 100, 200).build();
        Evidence slightlySlower = new Evidences().add("g", 200, 115, 200).build();
        Evidence muchSlower = new Evidences().add("g", 200, 130, 200).build();
        assertEquals(Outcome.PASS, Judge.criterion(th, Optional.of(baseline)).judge(slightlySlower).outcome());
        VerdictLine worse = Judge.criterion(th, Optional.of(baseline)).judge(muchSlower);
        assertEquals(Outcome.FAIL, worse.outcome());
        assertTrue(worse.measured().contains("vs baseline"), worse.measured());
        assertEquals(Outcome.INCONCLUSIVE, Judge.criterion(th, Optional.empty()).judge(muchSlower).outcome(), "no baseline, no verdict");

        Threshold errors = t("global", Metric.ERROR_RATE, Threshold.Bound.MAX_REGRESSION, 0.2, 100, "20%");
        Evidence clean = new Evidences().add("g", 1000, 5, 200).build();
        Evidence oneError = new Evidences().add("g", 999, 5, 200).add("g", 1, 5, 500).build();
        Evidence tenErrors = new Evidences().add("g", 990, 5, 200).add("g", 10, 5, 500).build();
        assertEquals(Outcome.PASS, Judge.criterion(errors, Optional.of(clean)).judge(oneError).outcome(), "0.1 point floor");
        assertEquals(Outcome.FAIL, Judge.criterion(errors, Optional.of(clean)).judge(tenErrors).outcome());
    }

    @Test
    void withoutABaselineYetARegressionLineIsNotJudgedWhereTheEnvironmentSaysSoAndCountsForNothing() {
        Threshold th = t("global", Metric.P99, Threshold.Bound.MAX_REGRESSION, 0.2, 100, "20%");
        Evidence now = new Evidences().add("g", 200, 130, 200).build();
        VerdictLine first = Judge.criterion(th, Optional.empty(), true).judge(now);
        assertEquals(Outcome.NOT_JUDGED, first.outcome());
        assertTrue(first.reason().contains("no promoted release to compare with yet"), first.reason());
        assertEquals(Outcome.FAIL, Judge.criterion(th, Optional.of(new Evidences().add("g", 200, 100, 200).build()), true).judge(now).outcome(),
                "with a baseline it is judged as ever");
        Verdict v = Verdict.of("load", "qa", "s", "t", List.of(first, VerdictLine.of("p99").threshold("500ms").measured("130 ms")
                .samples(200, 100).window("now").pass("within bound")));
        assertEquals(Outcome.PASS, v.outcome(), "a NOT JUDGED line counts towards nothing");
        assertTrue(v.failing().isEmpty(), "and is not a problem");
        assertEquals(Outcome.INCONCLUSIVE, Outcome.overall(List.of(Outcome.NOT_JUDGED)), "nothing judged at all is no data");
        assertEquals("NOT JUDGED", Outcome.NOT_JUDGED.toString());
    }

    @Test
    void overallIsFailOverInconclusiveOverPass() {
        Evidence e = new Evidences().add("drifts", 200, 10, 200).add("dashboard", 10, 10, 200).build();
        Verdict v = verdict(gate(0,
                t("drifts", Metric.P99, Threshold.Bound.MAX, 500, 100, "500ms"),
                t("dashboard", Metric.P99, Threshold.Bound.MAX, 500, 100, "500ms")), e);
        assertEquals(Outcome.INCONCLUSIVE, v.outcome());
        Verdict failing = verdict(gate(0,
                t("drifts", Metric.P99, Threshold.Bound.MAX, 5, 100, "5ms"),
                t("dashboard", Metric.P99, Threshold.Bound.MAX, 500, 100, "500ms")), e);
        assertEquals(Outcome.FAIL, failing.outcome());
        assertEquals(2, failing.failing().size());
        Verdict passing = verdict(gate(100, t("drifts", Metric.P99, Threshold.Bound.MAX, 500, 100, "500ms")), e);
        assertEquals(Outcome.PASS, passing.outcome());
        assertEquals(2, passing.lines().size(), "minRequests has its own line");
    }

    @Test
    void anEarlyStopIsAFailingLineWithItsReason() {
        var recorder = new com.driftsentry.gate.evidence.EvidenceRecorder();
        recorder.record("g", 500, 5, false, 1_000);
        recorder.stoppedEarly("error rate 60% over the last 100 requests");
        Verdict v = verdict(gate(0), recorder.snapshot("S", "test", null));
        assertEquals(Outcome.FAIL, v.outcome());
        assertTrue(v.lines().get(0).measured().contains("error rate 60%"));
    }
}
