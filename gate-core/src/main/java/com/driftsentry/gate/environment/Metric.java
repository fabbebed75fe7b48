package com.driftsentry.gate.environment;

import java.util.Arrays;
import java.util.Optional;

/** What a threshold measures, and which bounds make sense for it. */
public enum Metric {
    P50("p50", 50.0), P75("p75", 75.0), P90("p90", 90.0), P95("p95", 95.0), P99("p99", 99.0), P999("p99.9", 99.9),
    ERROR_RATE("errorRate", 0), SERVER_ERROR_RATE("serverErrorRate", 0),
    REQUESTS("requests", 0), THROUGHPUT("throughput", 0), CACHE_HIT_RATIO("cacheHitRatio", 0), MEMORY_GROWTH("memoryGrowth", 0);

    private final String wire;
    private final double percentile;

    Metric(String wire, double percentile) {
        this.wire = wire;
        this.percentile = percentile;
    }

    public String wire() {
        return wire;
    }

    public boolean isLatency() {
        return percentile > 0;
    }

    public double percentile() {
        return percentile;
    }

    public boolean isRate() {
        return this == ERROR_RATE || this == SERVER_ERROR_RATE;
    }

    public static Optional<Metric> fromWire(String value) {
        return Arrays.stream(values()).filter(m -> m.wire.equals(value)).findFirst();
    }
}
