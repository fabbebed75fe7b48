package com.driftsentry.gate.criteria;

import com.driftsentry.gate.environment.Threshold;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.evidence.GroupEvidence;
import com.driftsentry.gate.verdict.VerdictLine;
import java.util.Optional;

/** Enough requests were made to judge at all. Too few is not a failure of the build: it is INCONCLUSIVE. */
record RequestCountCriterion(Threshold threshold) implements Criterion {
    @Override
    public VerdictLine judge(Evidence evidence) {
        GroupEvidence g = evidence.scope(threshold.scope());
        long needed = (long) threshold.value();
        VerdictLine.Builder line = Lines.start(threshold, g.requests() + " requests", g.requests(), Lines.window(g)).samples(g.requests(), needed);
        return line.judged(true, "enough data", "enough data");
    }

    @Override
    public Optional<Limit> limit() {
        return Optional.of(new Limit(threshold.scope(), threshold.metric(), false, threshold.value()));
    }
}
