package com.driftsentry.gate.driver;

import com.driftsentry.gate.environment.Masker;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One line per step with the time since the command started, and each step's duration for the ledger. */
final class Progress {
    private final PrintWriter out;
    private final Masker masker;
    private final long started = System.nanoTime();
    private final Map<String, Double> steps = new LinkedHashMap<>();
    private String current;
    private long currentStarted;

    Progress(PrintWriter out, Masker masker) {
        this.out = out;
        this.masker = masker;
    }

    /** Ends the step in progress (if any) and starts {@code step}. */
    void step(String step, String message) {
        end();
        current = step;
        currentStarted = System.nanoTime();
        say(step + ": " + message);
    }

    void say(String message) {
        out.println(masker.mask(String.format(Locale.ROOT, "driftgate [%6.1f s] %s", seconds(started), message)));
    }

    void end() {
        if (current != null) {
            steps.merge(current, seconds(currentStarted), Double::sum);
            current = null;
        }
    }

    Map<String, Double> steps() {
        end();
        Map<String, Double> rounded = new LinkedHashMap<>();
        steps.forEach((k, v) -> rounded.put(k, Math.round(v * 10) / 10.0));
        return rounded;
    }

    double total() {
        return Math.round(seconds(started) * 10) / 10.0;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
