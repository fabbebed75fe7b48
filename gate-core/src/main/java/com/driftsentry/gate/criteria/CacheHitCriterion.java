package com.driftsentry.gate.criteria;

import com.driftsentry.gate.environment.Threshold;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.VerdictLine;

/** The target's dashboard cache served at least this share of lookups during the run (its /metrics, before and after). */
final class CacheHitCriterion implements Criterion {
    private final Threshold threshold;

    CacheHitCriterion(Threshold threshold) {
        this.threshold = threshold;
    }

    @Override
    public VerdictLine judge(Evidence evidence) {
        Evidence.CacheCounters c = evidence.cache();
        if (c == null) {
            return new VerdictLine(threshold.describe(), threshold.written(), "unknown", 0, threshold.minSamples(), "run",
                    Outcome.INCONCLUSIVE, "the target's /metrics could not be read before and after the run");
        }
        double ratio = c.lookups() == 0 ? 0 : (double) c.hits() / c.lookups();
        boolean ok = ratio >= threshold.value();
        return Lines.line(threshold, Lines.percent(ratio) + " (" + c.hits() + " hits of " + c.lookups() + ")", c.lookups(), "run", ok,
                ok ? "within bound" : Lines.percent(ratio) + " is under " + threshold.written());
    }
}
