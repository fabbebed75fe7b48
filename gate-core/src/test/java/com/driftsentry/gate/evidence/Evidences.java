package com.driftsentry.gate.evidence;

import java.util.Map;

/** Builds evidence for tests: n requests of a group at a given response time and status. */
public final class Evidences {
    private final EvidenceRecorder recorder = new EvidenceRecorder();
    private long clock = 1_790_000_000_000L;

    public Evidences add(String group, int count, long responseTimeMs, int status) {
        for (int i = 0; i < count; i++) {
            clock += 10;
            recorder.record(group, status, responseTimeMs, status >= 200 && status < 400, clock);
        }
        return this;
    }

    public Evidence build() {
        return recorder.snapshot("TestSimulation", "test", null);
    }

    public Evidence build(long cacheHits, long cacheMisses) {
        return recorder.snapshot("TestSimulation", "test", new Evidence.CacheCounters(cacheHits, cacheMisses));
    }

    public static Map<String, Long> classes(Evidence e, String group) {
        return e.groups().get(group).statusClasses();
    }
}
