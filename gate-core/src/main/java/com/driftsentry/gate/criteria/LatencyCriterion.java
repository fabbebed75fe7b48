package com.driftsentry.gate.criteria;

import com.driftsentry.gate.environment.Threshold;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.evidence.GroupEvidence;
import com.driftsentry.gate.evidence.Percentiles;
import com.driftsentry.gate.verdict.Bound;
import com.driftsentry.gate.verdict.VerdictLine;
import java.util.Optional;

/**
 * A response-time percentile of a scope stays under a bound. Response times are recorded in whole
 * milliseconds, so the bound is compared as the largest whole millisecond within it: 499.6 ms
 * admits 499 ms and refuses 500 ms, in the verdict, in Gatling's assertion and in the early abort.
 */
public record LatencyCriterion(Threshold threshold) implements Criterion {
    static double percentile(GroupEvidence g, double percentile) {
        return Percentiles.of(g.histogram(), percentile);
    }

    /** The largest whole millisecond within the bound: what every comparison uses. */
    public long wholeMillis() {
        return (long) Math.floor(threshold.value());
    }

    /** One response slower than the bound: what the early abort counts as slow. */
    public boolean exceededBy(long responseTimeMs) {
        return responseTimeMs > wholeMillis();
    }

    @Override
    public VerdictLine judge(Evidence evidence) {
        GroupEvidence g = evidence.scope(threshold.scope());
        double value = percentile(g, threshold.metric().percentile());
        boolean within = Bound.atMost(wholeMillis()).admits(value);
        return Lines.line(threshold, threshold.metric().wire() + " = " + Lines.ms(value), g.histogram().getTotalCount(), Lines.window(g),
                within, within ? "within bound" : Lines.ms(value) + " is over " + threshold.written());
    }

    @Override
    public Optional<Limit> limit() {
        return Optional.of(new Limit(threshold.scope(), threshold.metric(), true, wholeMillis()));
    }
}
