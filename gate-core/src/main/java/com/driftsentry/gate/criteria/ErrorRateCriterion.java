package com.driftsentry.gate.criteria;

import com.driftsentry.gate.environment.Metric;
import com.driftsentry.gate.environment.Threshold;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.evidence.GroupEvidence;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.VerdictLine;

/**
 * The share of requests that failed stays under a bound: {@code errorRate} counts every response
 * the scenario did not expect (and every request without a response), {@code serverErrorRate}
 * only the 5xx.
 */
final class ErrorRateCriterion implements Criterion {
    private final Threshold threshold;

    ErrorRateCriterion(Threshold threshold) {
        this.threshold = threshold;
    }

    static long failures(GroupEvidence g, Metric metric) {
        return metric == Metric.SERVER_ERROR_RATE ? g.serverErrors() : g.unexpected();
    }

    static double rate(GroupEvidence g, Metric metric) {
        return g.requests() == 0 ? 0 : (double) failures(g, metric) / g.requests();
    }

    @Override
    public VerdictLine judge(Evidence evidence) {
        GroupEvidence g = evidence.scope(threshold.scope());
        double rate = rate(g, threshold.metric());
        boolean ok = rate <= threshold.value() + 1e-12;
        long failures = failures(g, threshold.metric());
        if (threshold.value() == 0 && failures > 0 && g.requests() < threshold.minSamples()) {
            // More samples cannot bring a rate with one failure back to 0%: the failure is certain, not inconclusive.
            return new VerdictLine(threshold.describe(), threshold.written(), Lines.percent(rate) + " (" + failures + " of " + g.requests() + ")",
                    g.requests(), threshold.minSamples(), Lines.window(g), Outcome.FAIL,
                    failures + " failure(s) break a 0% bound whatever the remaining requests do");
        }
        return Lines.line(threshold, Lines.percent(rate) + " (" + failures + " of " + g.requests() + ")",
                g.requests(), Lines.window(g), ok, ok ? "within bound" : Lines.percent(rate) + " is over " + threshold.written());
    }
}
