package com.driftsentry.gate.criteria;

import com.driftsentry.gate.environment.Threshold;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.evidence.GroupEvidence;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.VerdictLine;

/** Enough requests were made to judge at all. Too few is not a failure of the build: it is INCONCLUSIVE. */
final class RequestCountCriterion implements Criterion {
    private final Threshold threshold;

    RequestCountCriterion(Threshold threshold) {
        this.threshold = threshold;
    }

    @Override
    public VerdictLine judge(Evidence evidence) {
        GroupEvidence g = evidence.scope(threshold.scope());
        long needed = (long) threshold.value();
        boolean enough = g.requests() >= needed;
        return new VerdictLine(threshold.describe(), threshold.written(), g.requests() + " requests", g.requests(), needed,
                Lines.window(g), enough ? Outcome.PASS : Outcome.INCONCLUSIVE,
                enough ? "enough data" : "only " + g.requests() + " request(s), " + needed + " needed to judge");
    }
}
