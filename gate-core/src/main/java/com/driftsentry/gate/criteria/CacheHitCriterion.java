package com.driftsentry.gate.criteria;

import com.driftsentry.gate.environment.Threshold;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.verdict.VerdictLine;

/** The target's cache served at least this share of lookups during the run (its /metrics, before and after). */
record CacheHitCriterion(Threshold threshold) implements Criterion {
    @Override
    public VerdictLine judge(Evidence evidence) {
        Evidence.CacheCounters c = evidence.cache();
        if (c == null) {
            return Lines.start(threshold, "unknown", 0, "run").inconclusive("the target's /metrics could not be read before and after the run");
        }
        double ratio = c.lookups() == 0 ? 0 : (double) c.hits() / c.lookups();
        boolean within = threshold.rule().admits(ratio);
        return Lines.line(threshold, Lines.percent(ratio) + " (" + c.hits() + " hits of " + c.lookups() + ")", c.lookups(), "run", within,
                within ? "within bound" : Lines.percent(ratio) + " is under " + threshold.written());
    }
}
