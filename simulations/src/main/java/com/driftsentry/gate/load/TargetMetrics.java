package com.driftsentry.gate.load;

import com.driftsentry.gate.evidence.Evidence;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the dashboard cache counters from the target's Prometheus {@code /metrics}. */
public final class TargetMetrics {
    private static final Pattern COUNTER = Pattern.compile(
            "^driftsentry_cache_requests_total\\{cache=\"dashboard_summary\",result=\"(hit|miss)\"} ([0-9.eE+]+)$", Pattern.MULTILINE);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI metrics;

    public TargetMetrics(String baseUrl) {
        this.metrics = URI.create(baseUrl + "/metrics");
    }

    /** The counters now, or empty when the target has no readable /metrics (then the cache criterion is INCONCLUSIVE). */
    public Optional<Evidence.CacheCounters> cacheCounters() {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return Optional.empty();
            }
            return parse(r.body());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** One unrecorded request, for warm-up; failures are ignored here and show in the run itself. */
    public void touch(String path, String apiKey) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(metrics.resolve(path)).timeout(Duration.ofSeconds(10));
            if (apiKey != null) {
                b.header("X-API-Key", apiKey);
            }
            client.send(b.build(), HttpResponse.BodyHandlers.discarding());
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
