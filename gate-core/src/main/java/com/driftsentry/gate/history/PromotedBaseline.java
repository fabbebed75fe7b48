package com.driftsentry.gate.history;

import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.evidence.Percentiles;
import org.HdrHistogram.Histogram;

/**
 * The load evidence of the stage's last promoted release (its store's {@code baseline.json}): what a
 * {@code maxRegression} bound compares each candidate with. The report marks its p99 per scope, read
 * the way the load gate reads it, so the line on the chart is the number the next deploy is judged against.
 *
 * @param runId the history's run whose evidence it is; null when none of the charted runs is
 */
public record PromotedBaseline(Evidence evidence, String runId) {
    /** Its p99 in {@code scope} (ms); null where it has no requests there. */
    Double p99(String scope) {
        Histogram h = evidence.scope(scope).histogram();
        return h.getTotalCount() == 0 ? null : (double) Percentiles.of(h, 99);
    }

    /** Where it came from, for the summary: the run it was recorded as, where that run is in the history. */
    String origin() {
        return runId == null ? "the last promoted release's load evidence (not among the runs charted)" : "the load evidence of run " + runId
                + ", the last promoted";
    }
}
