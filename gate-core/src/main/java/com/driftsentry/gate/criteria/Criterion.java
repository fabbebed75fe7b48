package com.driftsentry.gate.criteria;

import com.driftsentry.gate.environment.Threshold;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.verdict.VerdictLine;
import java.util.Optional;

/**
 * One threshold turned into a judgement of evidence; one implementation per kind of metric. The
 * only place a threshold is judged: the verdict, Gatling's assertions, the early abort and the
 * stress levels all ask these objects.
 */
public interface Criterion {
    Threshold threshold();

    VerdictLine judge(Evidence evidence);

    /** The bound as a load tool checks it on its own statistics (Gatling's assertions); empty when the tool cannot see the metric. */
    default Optional<Limit> limit() {
        return Optional.empty();
    }

    /** Whether the threshold is about this request group (its own scope, or global). */
    default boolean appliesTo(String group) {
        return "global".equals(threshold().scope()) || threshold().scope().equals(group);
    }
}
