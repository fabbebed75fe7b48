package com.driftsentry.gate.load;

import com.driftsentry.gate.target.HealthClient;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.evidence.MemorySeries;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the dashboard cache counters and the process's memory from the target's Prometheus {@code /metrics}. */
public final class TargetMetrics {
    private static final Pattern COUNTER = Pattern.compile(
            "^driftsentry_cache_requests_total\\{cache=\"dashboard_summary\",result=\"(hit|miss)\"} ([0-9.eE+]+)$", Pattern.MULTILINE);
    private static final Pattern RESIDENT = Pattern.compile("^process_resident_memory_bytes ([0-9.eE+]+)$", Pattern.MULTILINE);
    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\",[^}]*} ([0-9.eE+]+)$", Pattern.MULTILINE);

    private final URI metrics;

    public TargetMetrics(String baseUrl) {
        this.metrics = URI.create(baseUrl + "/metrics");
    }

    /** The counters now, or empty when the target has no readable /metrics (then the cache criterion is INCONCLUSIVE). */
    public Optional<Evidence.CacheCounters> cacheCounters() {
        return scrape(Duration.ofSeconds(5)).flatMap(TargetMetrics::parse);
    }

    /** The target's resident and heap memory now; empty when /metrics did not answer or reports neither. */
    public Optional<MemorySeries.Sample> memory(Duration timeout) {
        Instant at = Instant.now();
        return scrape(timeout).flatMap(text -> parseMemory(text, at));
    }

    private Optional<String> scrape(Duration timeout) {
        try {
            HttpResponse<String> r = HealthClient.send(HttpRequest.newBuilder(metrics), timeout);
            return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /**
     * A gauge in bytes, summed over its series (the heap's pools; resident memory has one), or -1
     * when none is there or each is NaN (a figure the platform cannot read).
     */
    private static long gauge(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        long sum = -1;
        while (m.find()) {
            long v = bytes(m.group(1));
            if (v >= 0) {
                sum = Math.max(sum, 0) + v;
            }
        }
        return sum;
    }

    private static long bytes(String value) {
        double v = Double.parseDouble(value);
        return Double.isFinite(v) && v >= 0 ? (long) v : -1;
    }

    static Optional<MemorySeries.Sample> parseMemory(String text, Instant at) {
        MemorySeries.Sample s = new MemorySeries.Sample(at, gauge(RESIDENT, text), gauge(HEAP, text));
        return s.residentBytes() >= 0 || s.heapBytes() >= 0 ? Optional.of(s) : Optional.empty();
    }

    /** One unrecorded request, for warm-up; failures are ignored here and show in the run itself. */
    public void touch(String path, String apiKey) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(metrics.resolve(path));
            if (apiKey != null) {
                b.header("X-API-Key", apiKey);
            }
            HealthClient.send(b, Duration.ofSeconds(10));
        } catch (Exception ignored) {
            // a dead target is reported by the run, with numbers
        }
    }

    static Optional<Evidence.CacheCounters> parse(String text) {
        long hits = -1;
        long misses = -1;
        Matcher m = COUNTER.matcher(text);
        while (m.find()) {
            long value = (long) Double.parseDouble(m.group(2));
            if ("hit".equals(m.group(1))) {
                hits = value;
            } else {
                misses = value;
            }
        }
        return hits < 0 || misses < 0 ? Optional.empty() : Optional.of(new Evidence.CacheCounters(hits, misses));
    }

    /** What happened between two readings. */
    public static Evidence.CacheCounters delta(Evidence.CacheCounters before, Evidence.CacheCounters after) {
        return new Evidence.CacheCounters(after.hits() - before.hits(), after.misses() - before.misses());
    }
}
