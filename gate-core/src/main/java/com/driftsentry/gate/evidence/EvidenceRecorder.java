package com.driftsentry.gate.evidence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Records each response as it happens, from any number of load-generator threads, without locks
 * on the hot path; {@link #snapshot} freezes what was recorded into {@link Evidence}.
 */
public final class EvidenceRecorder {
    private final Map<String, Group> groups = new ConcurrentHashMap<>();
    private final List<String> stops = new ArrayList<>();

    private static final class Group {
        final ConcurrentHistogram histogram = new ConcurrentHistogram(GroupEvidence.HIGHEST_MS, GroupEvidence.DIGITS);
        final Map<String, LongAdder> classes = new ConcurrentHashMap<>();
        final LongAdder unexpected = new LongAdder();
        final LongAdder sent = new LongAdder();
        final LongAdder responded = new LongAdder();
        final AtomicLong first = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong last = new AtomicLong(Long.MIN_VALUE);
    }

    /**
     * Counts a request as it leaves. Requests counted here that are never {@link #record recorded}
     * appear in the evidence as requests without a response (status class {@code none}, unexpected).
     * Callers that record every outcome themselves, status 0 included, need not call it.
     */
    public void sent(String group) {
        groups.computeIfAbsent(group, k -> new Group()).sent.increment();
    }

    /**
     * @param status the HTTP status, or 0 when no response arrived
     * @param expected whether the scenario expected this status
     */
    public void record(String group, int status, long responseTimeMs, boolean expected, long endEpochMs) {
        Group g = groups.computeIfAbsent(group, k -> new Group());
        g.responded.increment();
        g.histogram.recordValue(Math.max(0, Math.min(responseTimeMs, GroupEvidence.HIGHEST_MS)));
        g.classes.computeIfAbsent(statusClass(status), k -> new LongAdder()).increment();
        if (!expected) {
            g.unexpected.increment();
        }
        g.first.accumulateAndGet(endEpochMs - responseTimeMs, Math::min);
        g.last.accumulateAndGet(endEpochMs, Math::max);
    }

    public synchronized void stoppedEarly(String reason) {
        if (!stops.contains(reason)) {
            stops.add(reason);
        }
    }

    public synchronized Evidence snapshot(String simulation, String environment, Evidence.CacheCounters cache) {
        Map<String, GroupEvidence> frozen = new TreeMap<>();
        // After an early stop the requests still in flight were cut by the gate, not failed by the target:
        // counting them as errors would blame the wrong thing (a slow release would read as an erroring one).
        boolean cut = !stops.isEmpty();
        long[] cutCount = {0};
        groups.forEach((name, g) -> {
            Map<String, Long> classes = GroupEvidence.zeroClasses();
            g.classes.forEach((k, v) -> classes.put(k, v.sum()));
            long unanswered = Math.max(0, g.sent.sum() - g.responded.sum());
            if (cut) {
                cutCount[0] += unanswered;
                unanswered = 0;
            }
            classes.merge("none", unanswered, Long::sum);
            boolean any = g.first.get() != Long.MAX_VALUE;
            frozen.put(name, new GroupEvidence(name, g.histogram.copy(), classes, g.unexpected.sum() + unanswered,
                    any ? Instant.ofEpochMilli(g.first.get()) : null, any ? Instant.ofEpochMilli(g.last.get()) : null));
        });
        List<String> reasons = new ArrayList<>(stops);
        if (cutCount[0] > 0) {
            reasons.add(cutCount[0] + " request(s) in flight at the stop were not counted");
        }
        return new Evidence(simulation, environment, frozen, cache, List.copyOf(reasons));
    }

    static String statusClass(int status) {
        if (status < 100 || status > 599) {
            return "none";
        }
        return (status / 100) + "xx";
    }
}
