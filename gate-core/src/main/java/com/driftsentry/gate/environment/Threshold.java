package com.driftsentry.gate.environment;

/**
 * One line of a load gate: a metric in a scope against a bound. {@code value} is in the metric's
 * unit (milliseconds, a fraction, requests, requests per second); {@code written} is the bound as
 * the environment file says it, shown back in every verdict line. {@code confirmByDistribution}: a
 * percentile's {@code maxRegression} fails only when the whole distribution moved too
 * ({@code confirm: distribution}).
 */
public record Threshold(String scope, Metric metric, Bound bound, double value, long minSamples, String written, String field,
                        boolean confirmByDistribution) {

    /** How the measured value is compared. */
    public enum Bound { MAX, MIN, MAX_REGRESSION }

    public Threshold(String scope, Metric metric, Bound bound, double value, long minSamples, String written, String field) {
        this(scope, metric, bound, value, minSamples, written, field, false);
    }

    /** The bound as every gate compares it ({@link com.driftsentry.gate.verdict.Bound}: at the bound passes); a regression's is relative. */
    public com.driftsentry.gate.verdict.Bound rule() {
        return bound == Bound.MIN ? com.driftsentry.gate.verdict.Bound.atLeast(value) : com.driftsentry.gate.verdict.Bound.atMost(value);
    }

    public String describe() {
        String what = scope + " " + metric.wire();
        return switch (bound) {
            case MAX -> what + " <= " + written;
            case MIN -> what + " >= " + written;
            case MAX_REGRESSION -> what + " regression <= " + written + (confirmByDistribution ? " (confirmed by the distribution)" : "");
        };
    }
}
