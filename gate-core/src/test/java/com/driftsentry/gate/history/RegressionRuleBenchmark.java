package com.driftsentry.gate.history;

import com.driftsentry.gate.evidence.GroupEvidence;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Prints how the regression rule and github-action-benchmark's rule (each run against the previous
 * one, alarm when worse by the threshold's factor: 200% = twice, its default; 20% = 1.2 times)
 * fare on the recorded histories: false alarms per 100 judged runs of the healthy build, and at
 * which run after the step each first alarms. The previous-run rule judges one number per run, as
 * that action does: the route's p99 for latency, the global error rate for errors. Run it from the test classpath
 * (docs/performance.md says how); docs/performance.md has the numbers.
 */
public final class RegressionRuleBenchmark {
    private RegressionRuleBenchmark() {
    }

    public static void main(String[] args) throws java.io.IOException {
        List<ChangeRule.Run> aa = Histories.load("aa");
        List<ChangeRule.Run> latency = Histories.stepped("latency-step");
        List<ChangeRule.Run> errors = Histories.stepped("error-step");
        ToDoubleFunction<ChangeRule.Run> p99 = r -> r.evidence().scope("drifts").histogram().getValueAtPercentile(99);
        ToDoubleFunction<ChangeRule.Run> rate = r -> {
            GroupEvidence g = r.evidence().global();
            return (double) g.unexpected() / g.requests();
        };
        System.out.printf(Locale.ROOT, "%-34s %22s %24s %24s%n", "rule", "A/A false alarms/100", "+20% latency: found at", "+1 pt errors: found at");
        long aaAlarms = ChangeRule.latency(aa, "drifts").size() + ChangeRule.errorRate(aa, "global").size();
        System.out.printf(Locale.ROOT, "%-34s %22s %24s %24s%n", "rank effect + 2 in a row (ours)", per100(aaAlarms, aa.size() - ChangeRule.MIN_WINDOW),
                found(ChangeRule.latency(latency, "drifts").stream().filter(c -> c.from() >= Histories.STEP_AT).map(Change::confirmedAt).findFirst().orElse(-1)),
                found(ChangeRule.errorRate(errors, "global").stream().filter(c -> c.from() >= Histories.STEP_AT).map(Change::confirmedAt).findFirst().orElse(-1)));
        for (double factor : new double[] {2.0, 1.2}) {
            String name = factor == 2.0 ? "previous run, alert-threshold 200%" : "previous run, alert-threshold 120%";
            long falseAlarms = previousRun(aa, p99, factor) + previousRun(aa, rate, factor);
            System.out.printf(Locale.ROOT, "%-34s %22s %24s %24s%n", name, per100(falseAlarms, aa.size() - 1),
                    found(firstAlarm(latency, p99, factor)), found(firstAlarm(errors, rate, factor)));
        }
        render();
    }

    /** The nightly report over a year and over 1,000 runs (the A/A runs repeated): wall time per render and the page's size. */
    private static void render() throws java.io.IOException {
        List<ChangeRule.Run> aa = Histories.load("aa");
        for (int runs : new int[] {365, 1000}) {
            List<ChangeRule.Run> history = new java.util.ArrayList<>();
            for (int i = 0; i < runs; i++) {
                history.add(new ChangeRule.Run(String.format(Locale.ROOT, "run-%04d", i), aa.get(i % aa.size()).evidence()));
            }
            java.nio.file.Path out = java.nio.file.Files.createTempDirectory("trend");
            for (int attempt = 1; attempt <= 3; attempt++) {
                long start = System.nanoTime();
                TrendReport.write("staging", history, out, java.util.Map.of("drifts", 500.0, "global", 500.0), null);
                System.out.printf(Locale.ROOT, "render %d runs, attempt %d: %d ms, report.html %d bytes%n", runs, attempt,
                        (System.nanoTime() - start) / 1_000_000, java.nio.file.Files.size(out.resolve("report.html")));
            }
        }
    }

    /** Alarms of the previous-run rule over a whole history. */
    private static long previousRun(List<ChangeRule.Run> runs, ToDoubleFunction<ChangeRule.Run> value, double factor) {
        long alarms = 0;
        for (int i = 1; i < runs.size(); i++) {
            alarms += alarms(value.applyAsDouble(runs.get(i)), value.applyAsDouble(runs.get(i - 1)), factor) ? 1 : 0;
        }
        return alarms;
    }

    private static int firstAlarm(List<ChangeRule.Run> runs, ToDoubleFunction<ChangeRule.Run> value, double factor) {
        for (int i = Histories.STEP_AT; i < runs.size(); i++) {
            if (alarms(value.applyAsDouble(runs.get(i)), value.applyAsDouble(runs.get(i - 1)), factor)) {
                return i;
            }
        }
        return -1;
    }

    /** github-action-benchmark: current / previous ≥ factor (a rise from 0 is infinite). */
    private static boolean alarms(double now, double previous, double factor) {
        return previous == 0 ? now > 0 : now / previous >= factor;
    }

    private static String per100(long alarms, int judged) {
        return String.format(Locale.ROOT, "%d in %d runs = %.1f", alarms, judged, 100.0 * alarms / judged);
    }

    /** "run N after the step" (1 = the first changed run), or "never". */
    private static String found(int index) {
        return index < 0 ? "never" : "run " + (index - Histories.STEP_AT + 1) + " of the step";
    }
}
