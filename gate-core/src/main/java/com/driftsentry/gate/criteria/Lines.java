package com.driftsentry.gate.criteria;

import com.driftsentry.gate.environment.Threshold;
import com.driftsentry.gate.evidence.GroupEvidence;
import com.driftsentry.gate.verdict.VerdictLine;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Builds verdict lines the same way for every criterion, including the one rule no criterion may bend. */
final class Lines {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private Lines() {
    }

    /** A line for {@code t} with what was measured; the criterion ends it with the outcome. */
    static VerdictLine.Builder start(Threshold t, String measured, long samples, String window) {
        return VerdictLine.of(t.describe()).threshold(t.written()).measured(measured).samples(samples, t.minSamples()).window(window);
    }

    /** No data never passes: fewer samples than the minimum is INCONCLUSIVE, whatever the value (decided by {@link VerdictLine.Builder#judged}). */
    static VerdictLine line(Threshold t, String measured, long samples, String window, boolean withinBound, String reason) {
        return start(t, measured, samples, window).judged(withinBound, reason, reason);
    }

    static String window(GroupEvidence g) {
        if (g.windowStart() == null || g.windowEnd() == null) {
            return "no requests";
        }
        return String.format(Locale.ROOT, "%.1fs (%s–%sZ)", seconds(g), CLOCK.format(g.windowStart()), CLOCK.format(g.windowEnd()));
    }

    static double seconds(GroupEvidence g) {
        if (g.windowStart() == null || g.windowEnd() == null) {
            return 0;
        }
        return Duration.between(g.windowStart(), g.windowEnd()).toMillis() / 1000.0;
    }

    static String ms(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.1f ms" : "%.0f ms", value);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, fraction < 0.1 ? "%.2f%%" : "%.1f%%", fraction * 100);
    }
}
