package com.driftsentry.gate.criteria;

import com.driftsentry.gate.environment.Threshold;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.evidence.GroupEvidence;
import com.driftsentry.gate.verdict.VerdictLine;

/** A response-time percentile of a scope stays under a bound. */
final class LatencyCriterion implements Criterion {
    private final Threshold threshold;

    LatencyCriterion(Threshold threshold) {
        this.threshold = threshold;
    }

    static double percentile(GroupEvidence g, double percentile) {
        return g.histogram().getTotalCount() == 0 ? 0 : g.histogram().getValueAtPercentile(percentile);
    }

    @Override
    public VerdictLine judge(Evidence evidence) {
        GroupEvidence g = evidence.scope(threshold.scope());
        double value = percentile(g, threshold.metric().percentile());
        long samples = g.histogram().getTotalCount();
        return Lines.line(threshold, threshold.metric().wire() + " = " + Lines.ms(value), samples, Lines.window(g),
                value <= threshold.value(),
                value <= threshold.value() ? "within bound" : Lines.ms(value) + " is over " + threshold.written());
    }
}
