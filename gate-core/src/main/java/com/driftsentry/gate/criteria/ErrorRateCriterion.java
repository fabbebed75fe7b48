package com.driftsentry.gate.criteria;

import com.driftsentry.gate.environment.Metric;
import com.driftsentry.gate.environment.Threshold;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.evidence.GroupEvidence;
import com.driftsentry.gate.verdict.VerdictLine;
import java.util.Optional;

/**
 * The share of requests that failed stays under a bound: {@code errorRate} counts every response
 * the scenario did not expect (and every request without a response), {@code serverErrorRate}
 * only the 5xx. With a bound of 0% one failure decides the line: no number of later requests can
 * bring the rate back to 0%.
 */
public record ErrorRateCriterion(Threshold threshold) implements Criterion {
    static long failures(GroupEvidence g, Metric metric) {
        return metric == Metric.SERVER_ERROR_RATE ? g.serverErrors() : g.unexpected();
    }

    static double rate(GroupEvidence g, Metric metric) {
        return g.requests() == 0 ? 0 : (double) failures(g, metric) / g.requests();
    }

    /** Whether this one response already decides the line: a failure of this metric, in its scope, under a 0% bound. */
    public boolean decidedBy(String group, int status, boolean expected) {
        boolean failure = threshold.metric() == Metric.SERVER_ERROR_RATE ? status >= 500 && status < 600 : !expected;
        return threshold.value() == 0 && failure && appliesTo(group);
    }

    @Override
    public VerdictLine judge(Evidence evidence) {
        GroupEvidence g = evidence.scope(threshold.scope());
        double rate = rate(g, threshold.metric());
        long failures = failures(g, threshold.metric());
        String measured = Lines.percent(rate) + " (" + failures + " of " + g.requests() + ")";
        if (threshold.value() == 0 && failures > 0 && g.requests() < threshold.minSamples()) {
            // More samples cannot bring a rate with one failure back to 0%: the failure is certain, not inconclusive.
            return Lines.start(threshold, measured, g.requests(), Lines.window(g))
                    .fail(failures + " failure(s) break a 0% bound whatever the remaining requests do");
        }
        boolean within = threshold.rule().admits(rate);
        return Lines.line(threshold, measured, g.requests(), Lines.window(g), within,
                within ? "within bound" : Lines.percent(rate) + " is over " + threshold.written());
    }

    @Override
    public Optional<Limit> limit() {
        // Gatling counts KO responses, which are our unexpected ones; it cannot tell a 5xx from another KO.
        return threshold.metric() == Metric.ERROR_RATE ? Optional.of(new Limit(threshold.scope(), threshold.metric(), true, threshold.value()))
                : Optional.empty();
    }
}
