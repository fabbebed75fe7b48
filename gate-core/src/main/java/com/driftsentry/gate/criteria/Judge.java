package com.driftsentry.gate.criteria;

import com.driftsentry.gate.environment.LoadGateConfig;
import com.driftsentry.gate.environment.Metric;
import com.driftsentry.gate.environment.Threshold;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Judges load evidence against a load gate: one line per threshold, plus the run's own completeness. */
public final class Judge {
    private Judge() {
    }

    /** Picks the criterion for a threshold by its metric and bound. */
    public static Criterion criterion(Threshold t, Optional<Evidence> baseline) {
        if (t.bound() == Threshold.Bound.MAX_REGRESSION) {
            return new RegressionCriterion(t, baseline);
        }
        return switch (t.metric()) {
            case P50, P75, P90, P95, P99, P999 -> new LatencyCriterion(t);
            case ERROR_RATE, SERVER_ERROR_RATE -> new ErrorRateCriterion(t);
            case REQUESTS -> new RequestCountCriterion(t);
            case THROUGHPUT -> new ThroughputCriterion(t);
            case CACHE_HIT_RATIO -> new CacheHitCriterion(t);
        };
    }

    public static Verdict judge(String environment, String target, LoadGateConfig gate, Evidence evidence, Optional<Evidence> baseline) {
        List<VerdictLine> lines = new ArrayList<>();
        if (gate.minRequests() > 0) {
            lines.add(new RequestCountCriterion(new Threshold("global", Metric.REQUESTS,
                    Threshold.Bound.MIN, gate.minRequests(), gate.minRequests(), Long.toString(gate.minRequests()),
                    "gates.load.minRequests")).judge(evidence));
        }
        for (Threshold t : gate.thresholds()) {
            lines.add(criterion(t, baseline).judge(evidence));
        }
        evidence.stoppedEarlyReason().ifPresent(reason -> lines.add(new VerdictLine("run completed", "no early abort",
                "stopped early: " + reason, evidence.global().requests(), 0, Lines.window(evidence.global()), Outcome.FAIL,
                "stopped because the run was clearly failing: " + reason)));
        return Verdict.of("load", environment, evidence.simulation(), target, lines);
    }
}
