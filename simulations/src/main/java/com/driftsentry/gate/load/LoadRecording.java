package com.driftsentry.gate.load;

import com.driftsentry.gate.abort.EarlyAbort;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.evidence.EvidenceRecorder;
import com.driftsentry.gate.evidence.IntervalRecorder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every response of the run into the evidence, past the early abort, and to any listener (the stress levels). A
 * generator of a scaled-out run also records by interval, and its early abort is the coordinator's ({@link #stop}),
 * asked of every generator's merged evidence: it never decides alone on its share.
 */
final class LoadRecording implements RecordedCall.Sink {
    private final EvidenceRecorder recorder = new EvidenceRecorder();
    // Only a generator pays for the second recording: a single run's evidence is its whole run.
    private final IntervalRecorder intervals;
    private final EarlyAbort abort;
    private final AtomicLong requestIds = new AtomicLong();
    private final List<GateRun.Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile String stoppedBy;

    /** A single run: its own early abort decides. */
    LoadRecording(EarlyAbort abort) {
        this.abort = abort;
        this.intervals = null;
    }

    /** A generator of a scaled-out run: recorded by interval too, stopped only by its coordinator. */
    static LoadRecording generator() {
        return new LoadRecording(null, new IntervalRecorder());
    }

    private LoadRecording(EarlyAbort abort, IntervalRecorder intervals) {
        this.abort = abort;
        this.intervals = intervals;
    }

    /** The coordinator's stop: the load generator stops at the next request, as after its own early abort. */
    void stop(String reason) {
        stoppedBy = reason;
    }

    /** The responses since the last call, as evidence (a generator's interval). */
    Evidence interval(String simulation, String environment) {
        return intervals.flip(simulation, environment);
    }

    void onRecord(GateRun.Listener listener) {
        listeners.add(listener);
    }

    @Override
    public String sent(String group) {
        recorder.sent(group);
        return "gate-" + requestIds.incrementAndGet();
    }

    @Override
    public void record(String group, int status, long responseTimeMs, boolean expected, long endEpochMs) {
        recorder.record(group, status, responseTimeMs, expected, endEpochMs);
        if (intervals != null) {
            intervals.record(group, status, responseTimeMs, expected, endEpochMs);
        }
        listeners.forEach(l -> l.recorded(group, status, responseTimeMs, expected, endEpochMs));
        if (abort != null) {
            abort.observe(group, status, responseTimeMs, expected);
        }
    }

    boolean aborted() {
        return stoppedBy != null || abort != null && abort.tripped();
    }

    String abortReason() {
        return stoppedBy != null ? stoppedBy : abort == null ? "" : abort.reason().orElse("");
    }

    /** The evidence so far, with the early stop's reason when there was one. */
    Evidence evidence(String simulation, String environment, Evidence.CacheCounters cache) {
        if (aborted()) {
            recorder.stoppedEarly(abortReason());
        }
        return recorder.snapshot(simulation, environment, cache);
    }
}
