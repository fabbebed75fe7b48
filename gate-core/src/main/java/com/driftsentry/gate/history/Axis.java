package com.driftsentry.gate.history;

import java.util.ArrayList;
import java.util.List;

/**
 * A value axis a person can read: from a round value at or below the lowest point to one at or above the highest, with
 * four to six ticks at steps of 1, 2, 2.5 or 5 times a power of ten (as Grafana and Gatling's charts step), and a
 * percentage axis that never passes 100.
 */
record Axis(double lo, double hi, double step) {
    private static final double[] STEPS = {1, 2, 2.5, 5, 10};

    /** The axis for values from {@code min} to {@code max} (0 is always on it); {@code percent}: it ends at 100 at most. */
    static Axis of(double min, double max, boolean percent) {
        double lo = Double.isNaN(min) ? 0 : Math.min(0, min);
        double hi = Double.isNaN(max) ? 0 : Math.max(0, max);
        if (!(hi > lo)) {
            // Nothing but zeros (a run without errors): an axis from 0 to 1 rather than one of no height.
            hi = lo + 1;
        }
        double step = step((hi - lo) / 5);
        double top = Math.ceil(hi / step - 1e-9) * step;
        double bottom = Math.floor(lo / step + 1e-9) * step;
        if (percent && top > 100) {
            top = 100;
            step = step(100 / 5.0);
        }
        return new Axis(bottom, top, step);
    }

    /** The smallest round step at or above {@code raw}. */
    private static double step(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double s : STEPS) {
            if (s * power >= raw - 1e-12) {
                return s * power;
            }
        }
        return 10 * power;
    }

    List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        for (double v = lo; v <= hi + step / 1000; v += step) {
            ticks.add(Math.abs(v) < step / 1000 ? 0 : v);
        }
        return ticks;
    }

    /** A tick's label: no more decimals than its step needs (a step of 2.5 gets one, of 0.25 two, of 20 none). */
    String label(double v) {
        int decimals = Math.max(0, java.math.BigDecimal.valueOf(step).stripTrailingZeros().scale());
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f", v);
    }
}
