package com.driftsentry.gate.evidence;

import org.HdrHistogram.WriterReaderPhaser;

/**
 * The responses of the current interval, flipped to a fresh recorder at each interval's end without losing or
 * double-counting one: HdrHistogram's writer-reader phaser lets every recording thread finish into the recorder it
 * started on before the old one is read. Only responses are recorded here (no sent-but-unanswered count, which
 * would mark a request answered in the next interval as lost), so a generator's intervals add up to its responses.
 */
public final class IntervalRecorder {
    private final WriterReaderPhaser phaser = new WriterReaderPhaser();
    private volatile EvidenceRecorder active = new EvidenceRecorder();

    public void record(String group, int status, long responseTimeMs, boolean expected, long endEpochMs) {
        long critical = phaser.writerCriticalSectionEnter();
        try {
            active.record(group, status, responseTimeMs, expected, endEpochMs);
        } finally {
            phaser.writerCriticalSectionExit(critical);
        }
    }

    /** The interval that ends now, as evidence; recording goes on into the next one. */
    public Evidence flip(String simulation, String environment) {
        phaser.readerLock();
        try {
            EvidenceRecorder ended = active;
            active = new EvidenceRecorder();
            phaser.flipPhase();
            return ended.snapshot(simulation, environment, null);
        } finally {
            phaser.readerUnlock();
        }
    }
}
