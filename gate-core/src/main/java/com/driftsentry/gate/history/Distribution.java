package com.driftsentry.gate.history;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * A run's latencies as distinct values and their counts, ascending: small (a run has a few hundred
 * distinct values at most), cheap to pool and to compare, unlike a full HdrHistogram's counts array.
 */
final class Distribution {
    final long[] values;
    final long[] counts;
    final long total;

    private Distribution(long[] values, long[] counts) {
        this.values = values;
        this.counts = counts;
        this.total = Arrays.stream(counts).sum();
    }

    static Distribution of(Histogram h) {
        Map<Long, Long> m = new TreeMap<>();
        for (HistogramIterationValue v : h.recordedValues()) {
            m.merge(h.highestEquivalentValue(v.getValueIteratedTo()), v.getCountAddedInThisIterationStep(), Long::sum);
        }
        return of(m);
    }

    /** Every request of every distribution together, but the one at {@code without} (-1: none). */
    static Distribution pool(List<Distribution> all, int without) {
        Distribution sum = new Distribution(new long[0], new long[0]);
        for (int i = 0; i < all.size(); i++) {
            if (i != without) {
                sum = sum.merged(all.get(i), 1);
            }
        }
        return sum;
    }

    /** These requests without {@code part}'s (a part of this pool): a leave-one-out reference in one pass. */
    Distribution minus(Distribution part) {
        return merged(part, -1);
    }

    /** A linear merge of two ascending value lists, adding {@code sign} times the other's counts; emptied values drop out. */
    private Distribution merged(Distribution other, int sign) {
        long[] v = new long[values.length + other.values.length];
        long[] c = new long[v.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < values.length || j < other.values.length) {
            long value;
            long count;
            if (j >= other.values.length || (i < values.length && values[i] < other.values[j])) {
                value = values[i];
                count = counts[i++];
            } else if (i >= values.length || other.values[j] < values[i]) {
                value = other.values[j];
                count = sign * other.counts[j++];
            } else {
                value = values[i];
                count = counts[i++] + sign * other.counts[j++];
            }
            if (count > 0) {
                v[n] = value;
                c[n++] = count;
            }
        }
        return new Distribution(Arrays.copyOf(v, n), Arrays.copyOf(c, n));
    }

    private static Distribution of(Map<Long, Long> m) {
        long[] values = new long[m.size()];
        long[] counts = new long[m.size()];
        int i = 0;
        for (Map.Entry<Long, Long> e : m.entrySet()) {
            values[i] = e.getKey();
            counts[i++] = e.getValue();
        }
        return new Distribution(values, counts);
    }

    /**
     * The Vargha–Delaney A of this distribution over {@code reference}: {@code P(X > Y) + ½·P(X = Y)}
     * for a request X of this run and Y of the reference; 0.5 is no shift, 1.0 every request slower.
     * Rank-based, so one slow outlier moves it by one request's weight, not by its size; the
     * Mann–Whitney U statistic is {@code A · n_x · n_y}.
     */
    double rankEffectOver(Distribution reference) {
        if (total == 0 || reference.total == 0) {
            return Double.NaN;
        }
        double wins = 0;
        long below = 0;
        int j = 0;
        for (int i = 0; i < values.length; i++) {
            while (j < reference.values.length && reference.values[j] < values[i]) {
                below += reference.counts[j++];
            }
            long equal = j < reference.values.length && reference.values[j] == values[i] ? reference.counts[j] : 0;
            wins += counts[i] * (below + 0.5 * equal);
        }
        return wins / ((double) total * reference.total);
    }

    /** The smallest value with at least {@code percent} of the requests at or below it. */
    long percentile(double percent) {
        long needed = (long) Math.ceil(total * percent / 100.0);
        long seen = 0;
        for (int i = 0; i < values.length; i++) {
            seen += counts[i];
            if (seen >= Math.max(1, needed)) {
                return values[i];
            }
        }
        return values.length == 0 ? 0 : values[values.length - 1];
    }
}
