package com.driftsentry.gate.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.criteria.Judge;
import com.driftsentry.gate.environment.LoadGateConfig;
import com.driftsentry.gate.environment.Metric;
import com.driftsentry.gate.environment.Threshold;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.VerdictLine;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The deploy gate's {@code maxRegression: 20%} on a p99, alone and with {@code confirm: distribution},
 * replayed on the recorded histories: each healthy run as a candidate against the one before it
 * (every group and global), and each run of the +20%-on-one-route build against the last ten
 * healthy runs. The numbers are MaxRegressionBenchmark's (docs/gates.md).
 */
class ConfirmedRegressionTest {
    static final String[] SCOPES = {"drifts", "dashboard", "writes", "global"};

    @Test
    void confirmingByTheDistributionStopsNoisyTailsFailingAHealthyBuildAndStillFailsTheStep() {
        List<ChangeRule.Run> aa = Histories.load("aa");
        int aloneFailedHealthy = 0;
        int confirmedFailedHealthy = 0;
        for (int i = 1; i < aa.size(); i++) {
            for (String scope : SCOPES) {
                aloneFailedHealthy += failed(scope, false, aa.get(i).evidence(), aa.get(i - 1).evidence()) ? 1 : 0;
                confirmedFailedHealthy += failed(scope, true, aa.get(i).evidence(), aa.get(i - 1).evidence()) ? 1 : 0;
            }
        }
        assertEquals(51, aloneFailedHealthy, "p99 +20% alone fails a third of 156 healthy pairs");
        assertEquals(2, confirmedFailedHealthy, "confirmed by the distribution: 2 of 156");
        int aloneFailedStep = 0;
        int confirmedFailedStep = 0;
        for (int b = Histories.STEP_AT - 10; b < Histories.STEP_AT; b++) {
            for (ChangeRule.Run candidate : Histories.load("latency-step")) {
                aloneFailedStep += failed("drifts", false, candidate.evidence(), aa.get(b).evidence()) ? 1 : 0;
                confirmedFailedStep += failed("drifts", true, candidate.evidence(), aa.get(b).evidence()) ? 1 : 0;
            }
        }
        assertEquals(52, aloneFailedStep, "of 120 step pairs");
        assertEquals(51, confirmedFailedStep, "all but one of them still fail");
    }

    @Test
    void aNoisyTailPassesSayingWhyAndAMovedDistributionFailsSayingHow() {
        List<ChangeRule.Run> aa = Histories.load("aa");
        VerdictLine tail = null;
        for (int i = 1; i < aa.size() && tail == null; i++) {
            VerdictLine alone = line("drifts", false, aa.get(i).evidence(), aa.get(i - 1).evidence());
            VerdictLine confirmed = line("drifts", true, aa.get(i).evidence(), aa.get(i - 1).evidence());
            tail = alone.outcome() == Outcome.FAIL && confirmed.outcome() == Outcome.PASS ? confirmed : null;
        }
        assertTrue(tail != null, "some healthy pair fails on its p99 alone");
        assertTrue(tail.reason().startsWith("the p99 is worse by more than 20%, but the distribution did not move"), tail.reason());
        assertTrue(tail.measured().matches("\\d+ ms vs baseline \\d+ ms; rank shift [-+]0\\.\\d{3}"), tail.measured());
        // The step's +2 ms often hides in the p99's own noise (a step run's p99 can be under the healthy one's): take one it shows in.
        VerdictLine step = Histories.load("latency-step").stream().map(c -> line("drifts", true, c.evidence(), aa.get(Histories.STEP_AT - 1).evidence()))
                .filter(l -> l.outcome() == Outcome.FAIL).findFirst().orElseThrow();
        assertTrue(step.reason().endsWith("and the whole distribution moved (rank shift over 0.10)"), step.reason());
        assertTrue(step.criterion().endsWith("(confirmed by the distribution)"), step.criterion());
    }

    private static boolean failed(String scope, boolean confirm, Evidence candidate, Evidence baseline) {
        return line(scope, confirm, candidate, baseline).outcome() == Outcome.FAIL;
    }

    private static VerdictLine line(String scope, boolean confirm, Evidence candidate, Evidence baseline) {
        Threshold t = new Threshold(scope, Metric.P99, Threshold.Bound.MAX_REGRESSION, 0.20, 20, "20%", "gates.load.thresholds[0]", confirm);
        LoadGateConfig gate = new LoadGateConfig("ApiMixSimulation", new LoadGateConfig.Profile(10, Duration.ofSeconds(1), Duration.ofSeconds(1)),
                0, List.of(t), new LoadGateConfig.EarlyAbortConfig(100, 0.1, 0.1), Optional.empty(), "test.yaml");
        return Judge.of(gate, Optional.of(baseline)).lines(candidate).get(0);
    }
}
