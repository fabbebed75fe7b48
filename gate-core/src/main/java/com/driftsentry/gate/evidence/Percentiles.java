package com.driftsentry.gate.evidence;

import java.util.Collection;
import org.HdrHistogram.Histogram;

/**
 * The one percentile function: HdrHistogram's ({@code getValueAtPercentile}: the smallest recorded value with at
 * least that share of the samples at or below it, at 3 significant digits). The load gate, the summary, the
 * availability probe and the browser gate all read percentiles through it; nothing recorded reads as 0.
 */
public final class Percentiles {
    private Percentiles() {
    }

    public static long of(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile);
    }

    /** Of durations in milliseconds (a browser's page loads), recorded to the microsecond; empty reads as 0. */
    public static double ofMillis(Collection<Double> millis, double percentile) {
        Histogram h = new Histogram(3);
        millis.forEach(m -> h.recordValue(Math.max(0, Math.round(m * 1000))));
        return of(h, percentile) / 1000.0;
    }
}
