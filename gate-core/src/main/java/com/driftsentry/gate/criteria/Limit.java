package com.driftsentry.gate.criteria;

import com.driftsentry.gate.environment.Metric;

/**
 * A criterion's bound in the form a load tool can check: the scope, the metric, whether the value
 * is a maximum or a minimum, and the value in the metric's unit exactly as the criterion compares
 * it (latencies in whole milliseconds, rates as fractions, counts, requests per second).
 */
public record Limit(String scope, Metric metric, boolean atMost, double value) {
}
