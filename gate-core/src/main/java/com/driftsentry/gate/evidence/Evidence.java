package com.driftsentry.gate.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything a load run measured, per request group, plus the target's cache counters over the
 * run and its memory during it. Evidence from several runs or load generators merges: histograms add, counts add, windows
 * widen. It is the only input of the verdict.
 */
public record Evidence(String simulation, String environment, Map<String, GroupEvidence> groups, CacheCounters cache,
                       List<String> stoppedEarly, MemorySeries memory) {

    /** The target's cache lookups during the run, read from the target's /metrics before and after. */
    public record CacheCounters(long hits, long misses) {
        public long lookups() {
            return hits + misses;
        }

        public CacheCounters plus(CacheCounters other) {
            return other == null ? this : new CacheCounters(hits + other.hits, misses + other.misses);
        }
    }

    public Evidence {
        groups = Map.copyOf(groups);
        stoppedEarly = List.copyOf(stoppedEarly);
        memory = memory == null ? MemorySeries.empty() : memory;
    }

    public Evidence(String simulation, String environment, Map<String, GroupEvidence> groups, CacheCounters cache, List<String> stoppedEarly) {
        this(simulation, environment, groups, cache, stoppedEarly, MemorySeries.empty());
    }

    /** The same evidence with the target's memory readings of the run. */
    public Evidence withMemory(MemorySeries series) {
        return new Evidence(simulation, environment, groups, cache, stoppedEarly, series);
    }

    /** All groups together: what a {@code global} threshold judges. */
    public GroupEvidence global() {
        GroupEvidence all = GroupEvidence.empty("global");
        for (GroupEvidence g : groups.values()) {
            all = all.plus(g, "global");
        }
        return all;
    }

    public GroupEvidence scope(String scope) {
        return "global".equals(scope) ? global() : groups.getOrDefault(scope, GroupEvidence.empty(scope));
    }

    public Optional<String> stoppedEarlyReason() {
        return stoppedEarly.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", stoppedEarly));
    }

    public Evidence merge(Evidence other) {
        Map<String, GroupEvidence> merged = new TreeMap<>(groups);
        other.groups.forEach((name, g) -> merged.merge(name, g, (a, b) -> a.plus(b, name)));
        List<String> stops = new ArrayList<>(stoppedEarly);
        stops.addAll(other.stoppedEarly);
        CacheCounters counters = cache == null ? other.cache : cache.plus(other.cache);
        return new Evidence(simulation, environment, merged, counters, stops, memory.plus(other.memory));
    }
}
