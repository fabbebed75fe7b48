package com.driftsentry.gate.verdict;

/**
 * A measurement's bound, and the one rule every gate compares by: the bound itself is within. A maximum of 500 ms
 * admits 500 ms and refuses 501 ms; a minimum of 99.9% admits 99.9%. Load criteria, the browser, the availability
 * probe, image size, budget and cost all judge through {@link #admits}, so "at the bound" means the same everywhere.
 * Values computed in floating point (a ratio, a sum of prices) are compared with a relative slack of 1e-9, so a value
 * equal to its bound on paper is not refused for its last bit.
 */
public record Bound(double value, boolean atMost) {
    private static final double SLACK = 1e-9;

    /** The measurement may not be above {@code value}. */
    public static Bound atMost(double value) {
        return new Bound(value, true);
    }

    /** The measurement may not be below {@code value}. */
    public static Bound atLeast(double value) {
        return new Bound(value, false);
    }

    /** Whether {@code measured} is within: at the bound passes. */
    public boolean admits(double measured) {
        double slack = Math.max(Math.abs(value), 1) * SLACK;
        return atMost ? measured <= value + slack : measured >= value - slack;
    }

    /** The bound as a verdict line's threshold reads, e.g. {@code <= 500 MB} from {@code "500 MB"}. */
    public String written(String formattedValue) {
        return (atMost ? "<= " : ">= ") + formattedValue;
    }
}
