package com.driftsentry.gate.criteria;

import com.driftsentry.gate.environment.Threshold;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.evidence.GroupEvidence;
import com.driftsentry.gate.verdict.VerdictLine;
import java.util.Locale;
import java.util.Optional;

/** Requests per second over the scope's window stay above a floor. */
record ThroughputCriterion(Threshold threshold) implements Criterion {
    @Override
    public VerdictLine judge(Evidence evidence) {
        GroupEvidence g = evidence.scope(threshold.scope());
        double seconds = Lines.seconds(g);
        double rate = seconds <= 0 ? 0 : g.requests() / seconds;
        String measured = String.format(Locale.ROOT, "%.1f/s", rate);
        boolean within = threshold.rule().admits(rate);
        return Lines.line(threshold, measured, g.requests(), Lines.window(g), within,
                within ? "within bound" : measured + " is under " + threshold.written());
    }

    @Override
    public Optional<Limit> limit() {
        return Optional.of(new Limit(threshold.scope(), threshold.metric(), false, threshold.value()));
    }
}
