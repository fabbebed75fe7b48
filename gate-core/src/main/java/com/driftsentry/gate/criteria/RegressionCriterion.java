package com.driftsentry.gate.criteria;

import com.driftsentry.gate.environment.Threshold;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.evidence.GroupEvidence;
import com.driftsentry.gate.history.RankShift;
import com.driftsentry.gate.verdict.Bound;
import com.driftsentry.gate.verdict.VerdictLine;
import java.util.Locale;
import java.util.Optional;

/**
 * A percentile or an error rate is at most {@code maxRegression} worse than in the baseline run
 * (the last promoted one). For error rates a 0.1 percentage-point floor keeps a 0% baseline from
 * turning one error into an infinite regression. With {@code confirm: distribution} a percentile
 * worse than that fails only when the candidate's whole distribution moved too ({@link RankShift}):
 * one noisy p99 does not fail a deploy.
 */
record RegressionCriterion(Threshold threshold, Optional<Evidence> baseline, boolean notJudgedWithoutBaseline) implements Criterion {
    private static final double RATE_FLOOR = 0.001;
    // Measured on the recorded histories (MaxRegressionBenchmark): two healthy runs differ by up to 0.148, and
    // 0.10 cuts false failures of p99 +20% from 51 to 2 of 156 pairs while still failing 51 of 52 caught +20% steps.
    static final double SHIFT_TOLERANCE = 0.10;

    @Override
    public VerdictLine judge(Evidence evidence) {
        GroupEvidence now = evidence.scope(threshold.scope());
        if (baseline.isEmpty() && notJudgedWithoutBaseline) {
            return Lines.start(threshold, "no baseline yet", now.requests(), Lines.window(now))
                    .notJudged("the stage has no promoted release to compare with yet (baseline.whenMissing: notJudged); the next deploy is judged against this one");
        }
        if (baseline.isEmpty()) {
            return Lines.start(threshold, "no baseline", now.requests(), Lines.window(now))
                    .inconclusive("no baseline evidence to compare with (set gates.load.baseline or -Dgate.baseline, or baseline.whenMissing: notJudged)");
        }
        GroupEvidence then = baseline.get().scope(threshold.scope());
        boolean latency = threshold.metric().isLatency();
        double current = latency ? LatencyCriterion.percentile(now, threshold.metric().percentile()) : ErrorRateCriterion.rate(now, threshold.metric());
        double before = latency ? LatencyCriterion.percentile(then, threshold.metric().percentile()) : ErrorRateCriterion.rate(then, threshold.metric());
        double allowed = latency ? before * (1 + threshold.value()) : Math.max(before * (1 + threshold.value()), before + RATE_FLOOR);
        long samples = Math.min(latency ? now.histogram().getTotalCount() : now.requests(), latency ? then.histogram().getTotalCount() : then.requests());
        String measured = latency ? Lines.ms(current) + " vs baseline " + Lines.ms(before) : Lines.percent(current) + " vs baseline " + Lines.percent(before);
        boolean ok = Bound.atMost(allowed).admits(current);
        if (!threshold.confirmByDistribution()) {
            return Lines.line(threshold, measured, samples, Lines.window(now), ok,
                    ok ? "within bound" : "worse than the baseline by more than " + threshold.written());
        }
        double shift = RankShift.of(evidence, baseline.get(), threshold.scope());
        String shown = measured + String.format(Locale.ROOT, "; rank shift %+.3f", shift);
        if (ok) {
            return Lines.line(threshold, shown, samples, Lines.window(now), true, "within bound");
        }
        boolean moved = shift > SHIFT_TOLERANCE;
        return Lines.line(threshold, shown, samples, Lines.window(now), !moved, moved
                ? String.format(Locale.ROOT, "worse than the baseline by more than %s, and the whole distribution moved (rank shift over %.2f)",
                        threshold.written(), SHIFT_TOLERANCE)
                : String.format(Locale.ROOT, "the %s is worse by more than %s, but the distribution did not move (rank shift at most %.2f): "
                        + "a noisy tail, not a regression", threshold.metric().wire(), threshold.written(), SHIFT_TOLERANCE));
    }
}
