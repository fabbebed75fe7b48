package com.driftsentry.gate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.criteria.Judge;
import com.driftsentry.gate.environment.LoadGateConfig;
import com.driftsentry.gate.environment.Metric;
import com.driftsentry.gate.environment.Threshold;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.evidence.EvidenceRecorder;
import com.driftsentry.gate.verdict.Outcome;
import io.gatling.commons.stats.assertion.Condition;
import io.gatling.javaapi.core.Assertion;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Gatling's assertions are the gate's criteria in Gatling's words: the same evidence gets the same answer from both. */
class GatlingAssertionsTest {
    static Judge judge(Threshold... thresholds) {
        return Judge.of(new LoadGateConfig("ApiMixSimulation", new LoadGateConfig.Profile(1, Duration.ofSeconds(1), Duration.ofSeconds(1)), 0,
                List.of(thresholds), new LoadGateConfig.EarlyAbortConfig(100, 0.1, 0.1), Optional.empty(), "test.yaml"), Optional.empty());
    }

    /** 200 responses of drifts: 197 fast ones, then three at {@code slowMs}, so the p99 is {@code slowMs}. */
    static Evidence drifts(long slowMs, int failures) {
        EvidenceRecorder recorder = new EvidenceRecorder();
        for (int i = 0; i < 200; i++) {
            long ms = i < 197 ? 20 : slowMs;
            boolean ok = i >= failures;
            recorder.record("drifts", ok ? 200 : 500, ms, ok, 1_790_000_000_000L + 10L * i);
        }
        return recorder.snapshot("ApiMixSimulation", "test", null);
    }

    /** How Gatling evaluates a condition on its statistic (its conditions compare the actual value as a double). */
    static boolean holds(Assertion assertion, double actual) {
        Condition c = assertion.asScala().condition();
        if (c instanceof Condition.Lte lte) {
            return actual <= lte.value();
        }
        if (c instanceof Condition.Gte gte) {
            return actual >= gte.value();
        }
        throw new AssertionError("a condition the gate does not generate: " + c);
    }

    @Test
    void aLatencyBoundOf499point6MsMeansTheSameInTheVerdictAndInGatlingsAssertion() {
        Judge judge = judge(new Threshold("drifts", Metric.P99, Threshold.Bound.MAX, 499.6, 100, "499.6ms", "gates.load.thresholds[0]"));
        Assertion assertion = GatlingAssertions.from(judge.criteria()).get(0);
        assertTrue(assertion.asScala().path().toString().contains("drifts"), assertion.asScala().toString());
        for (long p99 : new long[] {498, 499, 500, 501}) {
            Evidence e = drifts(p99, 0);
            assertEquals(p99, e.scope("drifts").histogram().getValueAtPercentile(99), "the evidence's p99");
            boolean verdictPasses = judge.lines(e).get(0).outcome() == Outcome.PASS;
            assertEquals(verdictPasses, holds(assertion, p99), "p99 " + p99 + " ms: the verdict and Gatling agree");
            assertEquals(p99 <= 499, verdictPasses, "whole milliseconds within 499.6 ms");
        }
    }

    @Test
    void errorRateRequestsAndThroughputCarryTheCriteriasOwnBounds() {
        Judge judge = judge(new Threshold("global", Metric.ERROR_RATE, Threshold.Bound.MAX, 0.01, 100, "1%", "t[0]"),
                new Threshold("global", Metric.REQUESTS, Threshold.Bound.MIN, 150, 1, "150", "t[1]"),
                new Threshold("global", Metric.SERVER_ERROR_RATE, Threshold.Bound.MAX, 0, 100, "0%", "t[2]"),
                new Threshold("global", Metric.CACHE_HIT_RATIO, Threshold.Bound.MIN, 0.8, 20, "80%", "t[3]"));
        List<Assertion> assertions = GatlingAssertions.from(judge.criteria());
        assertEquals(2, assertions.size(), "Gatling cannot see 5xx apart from other failures, nor the target's cache");
        for (int failures : new int[] {2, 3}) {
            Evidence e = drifts(20, failures);
            boolean verdictPasses = judge.lines(e).get(0).outcome() == Outcome.PASS;
            double percentFailed = 100.0 * failures / 200;
            assertEquals(verdictPasses, holds(assertions.get(0), percentFailed), failures + " failures of 200 against 1%");
        }
        assertEquals(judge.lines(drifts(20, 0)).get(1).outcome() == Outcome.PASS, holds(assertions.get(1), 200));
    }
}
