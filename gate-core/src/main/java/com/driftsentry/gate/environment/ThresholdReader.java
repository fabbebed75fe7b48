package com.driftsentry.gate.environment;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads one threshold, checking that its bound fits its metric (a latency takes a duration, a rate a percentage…). */
final class ThresholdReader {
    private final String file;
    private final String field;
    private final Quantities q;

    ThresholdReader(String file, String field) {
        this.file = file;
        this.field = field;
        this.q = new Quantities(file);
    }

    Threshold read(JsonNode node) {
        Metric metric = Metric.fromWire(node.get("metric").asText()).orElseThrow();
        int bounds = (node.has("max") ? 1 : 0) + (node.has("min") ? 1 : 0) + (node.has("maxRegression") ? 1 : 0);
        if (bounds != 1) {
            throw ConfigError.at(file, field, "needs exactly one of max, min or maxRegression (it has " + bounds + ")");
        }
        String scope = node.get("scope").asText();
        long minSamples = node.path("minSamples").asLong(defaultMinSamples(metric));
        if (node.has("maxRegression")) {
            if (!metric.isLatency() && !metric.isRate()) {
                throw ConfigError.at(file, field + ".maxRegression", "applies to a percentile or an error rate, not " + metric.wire());
            }
            String written = node.get("maxRegression").asText();
            return new Threshold(scope, metric, Threshold.Bound.MAX_REGRESSION, q.percent(field + ".maxRegression", written), minSamples, written, field,
                    confirm(node, metric));
        }
        if (node.has("confirm")) {
            throw ConfigError.at(file, field + ".confirm", "belongs to a maxRegression bound (fix: leave it out, or write maxRegression:)");
        }
        String key = node.has("max") ? "max" : "min";
        String written = node.get(key).asText();
        String at = field + "." + key;
        return switch (metric) {
            case P50, P75, P90, P95, P99, P999 -> {
                requireKey(key, "max", at, "a latency takes max");
                yield new Threshold(scope, metric, Threshold.Bound.MAX, q.duration(at, written).toNanos() / 1e6, minSamples, written, field);
            }
            case ERROR_RATE, SERVER_ERROR_RATE -> {
                requireKey(key, "max", at, "an error rate takes max");
                yield new Threshold(scope, metric, Threshold.Bound.MAX, q.percent(at, written), minSamples, written, field);
            }
            case REQUESTS -> {
                requireKey(key, "min", at, "a request count takes min");
                yield new Threshold(scope, metric, Threshold.Bound.MIN, q.count(at, written), minSamples, written, field);
            }
            case THROUGHPUT -> {
                requireKey(key, "min", at, "a throughput takes min");
                yield new Threshold(scope, metric, Threshold.Bound.MIN, q.rate(at, written), minSamples, written, field);
            }
            case CACHE_HIT_RATIO -> {
                requireKey(key, "min", at, "a cache hit ratio takes min");
                if (!"global".equals(scope)) {
                    throw ConfigError.at(file, field + ".scope", "cacheHitRatio is read from the target's /metrics, so its scope is global");
                }
                yield new Threshold(scope, metric, Threshold.Bound.MIN, q.percent(at, written), minSamples, written, field);
            }
            case MEMORY_GROWTH -> {
                requireKey(key, "max", at, "a memory growth takes max");
                if (!"global".equals(scope)) {
                    throw ConfigError.at(file, field + ".scope", "memoryGrowth is the target's memory, read from its /metrics, so its scope is global");
                }
                yield new Threshold(scope, metric, Threshold.Bound.MAX, q.growth(at, written), minSamples, written, field);
            }
        };
    }

    /** {@code confirm: distribution} (a percentile's regression must show in the whole distribution too) or {@code percentile} (the default). */
    private boolean confirm(JsonNode node, Metric metric) {
        String how = node.path("confirm").asText("percentile");
        if (!how.equals("percentile") && !how.equals("distribution")) {
            throw ConfigError.at(file, field + ".confirm", "'" + how + "' is not a way to confirm a regression (expected percentile or distribution)");
        }
        if (how.equals("distribution") && !metric.isLatency()) {
            throw ConfigError.at(file, field + ".confirm", "distribution applies to a percentile, not " + metric.wire() + " (fix: leave confirm out)");
        }
        return how.equals("distribution");
    }

    private void requireKey(String key, String expected, String at, String why) {
        if (!key.equals(expected)) {
            throw ConfigError.at(file, at, why + " (fix: write " + expected + ": instead)");
        }
    }

    /**
     * Fewer samples than this and the measured value says nothing: a p99 needs 100 requests before
     * it differs from the maximum, a p99.9 a thousand.
     */
    static long defaultMinSamples(Metric metric) {
        if (metric.isLatency()) {
            return Math.max(20, (long) Math.ceil(100.0 / (100.0 - metric.percentile()) - 1e-9));
        }
        return switch (metric) {
            case ERROR_RATE, SERVER_ERROR_RATE -> 100;
            case CACHE_HIT_RATIO -> 20;
            // readings after the warm-up: at least 3 per window of the slope's 20
            case MEMORY_GROWTH -> 60;
            default -> 1;
        };
    }
}
