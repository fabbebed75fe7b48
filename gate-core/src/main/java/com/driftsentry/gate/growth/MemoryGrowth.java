package com.driftsentry.gate.growth;

import com.driftsentry.gate.evidence.MemorySeries;
import com.driftsentry.gate.evidence.MemorySeries.Kind;
import com.driftsentry.gate.evidence.MemorySeries.Sample;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How fast one kind of the target's memory grew over a run, in bytes per hour, with the 95%
 * interval that says whether the run was long enough to tell.
 *
 * <p>The first quarter of the run is left out: a fresh process grows to its working size (JIT code,
 * pools, the heap's regions) and that is not a leak. The rest is cut into up to 20 equal windows and
 * each window's lowest reading kept: a garbage-collected heap is a sawtooth whose troughs are the
 * live data, so the floors are what a leak raises, while the teeth are only allocation between two
 * collections; a series that dips often gets one window per dip instead, so that each holds a trough.
 * The robust slope of the floors is the growth.
 */
public record MemoryGrowth(Kind kind, RobustSlope perHour, int samples, Duration warmUp, Duration judged) {
    static final int MAX_WINDOWS = 20;
    static final int MIN_WINDOWS = 6;
    private static final double MS_PER_HOUR = 3_600_000.0;

    /** Empty when the target never reported this kind. */
    public static Optional<MemoryGrowth> of(MemorySeries series, Kind kind) {
        List<Sample> known = series.samples().stream().filter(s -> s.bytes(kind) >= 0).toList();
        if (known.isEmpty()) {
            return Optional.empty();
        }
        long start = known.get(0).at().toEpochMilli();
        long end = known.get(known.size() - 1).at().toEpochMilli();
        long judgedFrom = start + (end - start) / 4;
        List<Sample> judged = known.stream().filter(s -> s.at().toEpochMilli() >= judgedFrom).toList();
        int windows = Math.min(windowsFor(judged, kind), judged.size() / 3);
        Duration warmUp = Duration.ofMillis(judgedFrom - start);
        Duration span = Duration.ofMillis(end - judgedFrom);
        if (windows < MIN_WINDOWS) {
            return Optional.of(new MemoryGrowth(kind, new RobustSlope(0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, windows),
                    judged.size(), warmUp, span));
        }
        double[] x = new double[windows];
        double[] y = new double[windows];
        double width = (double) (end - judgedFrom + 1) / windows;
        Arrays.fill(y, Double.POSITIVE_INFINITY);
        for (Sample s : judged) {
            int w = Math.min(windows - 1, (int) ((s.at().toEpochMilli() - judgedFrom) / width));
            if (s.bytes(kind) < y[w]) {
                y[w] = s.bytes(kind);
                x[w] = (s.at().toEpochMilli() - judgedFrom) / MS_PER_HOUR;
            }
        }
        double[][] floors = present(x, y);
        RobustSlope slope = RobustSlope.of(floors[0], floors[1]);
        return Optional.of(new MemoryGrowth(kind, slope, judged.size(), warmUp, span));
    }

    /**
     * One window per dip (a reading under the one before and not over the one after: a collection)
     * when the series dips often enough, so that each window holds a trough; otherwise (resident
     * memory mostly climbs in steps) the most windows. Measured on the soak tests' runs: with 20
     * windows in 30 s a healthy heap's interval reached +2.8 GB/h, one per collection kept it under +0.4.
     */
    private static int windowsFor(List<Sample> judged, Kind kind) {
        int dips = 0;
        for (int i = 1; i < judged.size() - 1; i++) {
            long v = judged.get(i).bytes(kind);
            dips += v < judged.get(i - 1).bytes(kind) && v <= judged.get(i + 1).bytes(kind) ? 1 : 0;
        }
        return dips >= MIN_WINDOWS ? Math.min(dips, MAX_WINDOWS) : MAX_WINDOWS;
    }

    /** The windows that held a reading (a target that stopped answering for a while leaves gaps). */
    private static double[][] present(double[] x, double[] y) {
        int n = 0;
        for (double v : y) {
            n += Double.isInfinite(v) ? 0 : 1;
        }
        double[][] out = new double[2][n];
        for (int i = 0, k = 0; i < y.length; i++) {
            if (!Double.isInfinite(y[i])) {
                out[0][k] = x[i];
                out[1][k++] = y[i];
            }
        }
        return out;
    }

    /** Whether the run is long enough to say anything: enough windows for an interval. */
    public boolean measurable() {
        return perHour.points() >= MIN_WINDOWS && Double.isFinite(perHour.lower()) && Double.isFinite(perHour.upper());
    }
}
