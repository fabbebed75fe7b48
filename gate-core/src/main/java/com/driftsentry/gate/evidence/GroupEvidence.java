package com.driftsentry.gate.evidence;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What one request group measured: every response time in an HdrHistogram (milliseconds, three
 * significant digits), responses counted by status class, how many the scenario did not expect,
 * and the window in which they happened. Immutable; {@link #plus} is how runs merge.
 */
public record GroupEvidence(String group, Histogram histogram, Map<String, Long> statusClasses, long unexpected,
                            Instant windowStart, Instant windowEnd) {
    public static final long HIGHEST_MS = 3_600_000;
    public static final int DIGITS = 3;
    /** Status classes; {@code none} counts requests that got no response at all (refused, timed out). */
    public static final String[] CLASSES = {"2xx", "3xx", "4xx", "5xx", "none"};

    public static GroupEvidence empty(String group) {
        return new GroupEvidence(group, newHistogram(), zeroClasses(), 0, null, null);
    }

    public long requests() {
        return statusClasses.values().stream().mapToLong(Long::longValue).sum();
    }

    public long serverErrors() {
        return statusClasses.getOrDefault("5xx", 0L);
    }

    public GroupEvidence plus(GroupEvidence other, String name) {
        Histogram sum = newHistogram();
        sum.add(histogram);
        sum.add(other.histogram);
        Map<String, Long> classes = new TreeMap<>(statusClasses);
        other.statusClasses.forEach((k, v) -> classes.merge(k, v, Long::sum));
        return new GroupEvidence(name, sum, classes, unexpected + other.unexpected,
                earliest(windowStart, other.windowStart), latest(windowEnd, other.windowEnd));
    }

    public static Histogram newHistogram() {
        return new Histogram(HIGHEST_MS, DIGITS);
    }

    static Map<String, Long> zeroClasses() {
        Map<String, Long> classes = new TreeMap<>();
        for (String c : CLASSES) {
            classes.put(c, 0L);
        }
        return classes;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
