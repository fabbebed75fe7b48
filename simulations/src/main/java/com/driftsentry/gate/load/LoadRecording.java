package com.driftsentry.gate.load;

import com.driftsentry.gate.abort.EarlyAbort;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.evidence.EvidenceRecorder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Every response of the run into the evidence, past the early abort, and to any listener (the stress levels). */
final class LoadRecording implements RecordedCall.Sink {
    private final EvidenceRecorder recorder = new EvidenceRecorder();
    private final EarlyAbort abort;
    private final AtomicLong requestIds = new AtomicLong();
    private final List<GateRun.Listener> listeners = new CopyOnWriteArrayList<>();

    LoadRecording(EarlyAbort abort) {
        this.abort = abort;
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
        listeners.forEach(l -> l.recorded(group, status, responseTimeMs, expected, endEpochMs));
        abort.observe(group, status, responseTimeMs, expected);
    }

    boolean aborted() {
        return abort.tripped();
    }

    String abortReason() {
        return abort.reason().orElse("");
    }

    /** The evidence so far, with the early stop's reason when there was one. */
    Evidence evidence(String simulation, String environment, Evidence.CacheCounters cache) {
        abort.reason().ifPresent(recorder::stoppedEarly);
        return recorder.snapshot(simulation, environment, cache);
    }
}
