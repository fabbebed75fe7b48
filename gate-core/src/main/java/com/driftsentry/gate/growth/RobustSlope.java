package com.driftsentry.gate.growth;

import java.util.Arrays;

/**
 * The Theil–Sen slope of points (x, y): the median of the slopes between every pair, with Sen's
 * (1968) distribution-free 95% confidence interval from Kendall's S. Up to 29% of the points can be
 * arbitrarily wrong (a GC that had not yet run, a spike) without moving it, where a least-squares
 * line follows them.
 */
public record RobustSlope(double slope, double lower, double upper, int points) {
    private static final double Z_95 = 1.959963984540054;

    /** Needs at least three points with two distinct x; otherwise the interval is unbounded. */
    public static RobustSlope of(double[] x, double[] y) {
        int n = x.length;
        double[] slopes = new double[n * (n - 1) / 2];
        int count = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (x[j] != x[i]) {
                    slopes[count++] = (y[j] - y[i]) / (x[j] - x[i]);
                }
            }
        }
        if (n < 3 || count == 0) {
            return new RobustSlope(count == 0 ? 0 : slopes[0], Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, n);
        }
        double[] sorted = Arrays.copyOf(slopes, count);
        Arrays.sort(sorted);
        double median = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
        // Sen: the interval runs from the M1-th to the (M2+1)-th ordered slope, M1,2 = (N -/+ z·sqrt(Var S)) / 2.
        double c = Z_95 * Math.sqrt(n * (n - 1.0) * (2.0 * n + 5.0) / 18.0);
        int lowerRank = (int) Math.floor((count - c) / 2.0);
        int upperRank = (int) Math.ceil((count + c) / 2.0) + 1;
        double lower = lowerRank < 1 ? Double.NEGATIVE_INFINITY : sorted[lowerRank - 1];
        double upper = upperRank > count ? Double.POSITIVE_INFINITY : sorted[upperRank - 1];
        return new RobustSlope(median, lower, upper, n);
    }
}
