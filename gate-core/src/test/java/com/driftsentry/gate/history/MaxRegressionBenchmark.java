package com.driftsentry.gate.history;

import java.util.List;
import java.util.Locale;

/**
 * Prints how a deploy's {@code maxRegression: 20%} on a p99 fares on the recorded histories, as the
 * percentile alone and confirmed by the rank shift ({@link RankShift}): how often it fails a
 * candidate of the same healthy build (each A/A run against the one before it, every group) and how
 * often it fails the +20%-on-one-route build against the last ten healthy runs. docs/gates.md and
 * docs/performance.md have the numbers.
 */
public final class MaxRegressionBenchmark {
    private static final String[] SCOPES = {"drifts", "dashboard", "writes", "global"};

    private MaxRegressionBenchmark() {
    }

    public static void main(String[] args) {
        List<ChangeRule.Run> aa = Histories.load("aa");
        List<ChangeRule.Run> step = Histories.load("latency-step");
        double[] tolerances = {0.0, 0.05, 0.08, 0.10, 0.15, 0.20};
        System.out.printf(Locale.ROOT, "%-28s %18s %26s%n", "rule", "A/A pairs failed", "+20% step pairs failed");
        for (double tolerance : tolerances) {
            int aaFailed = 0;
            int aaPairs = 0;
            for (int i = 1; i < aa.size(); i++) {
                for (String scope : SCOPES) {
                    aaPairs++;
                    aaFailed += fails(aa.get(i), aa.get(i - 1), scope, tolerance) ? 1 : 0;
                }
            }
            int stepFailed = 0;
            int stepPairs = 0;
            for (int b = Histories.STEP_AT - 10; b < Histories.STEP_AT; b++) {
                for (ChangeRule.Run candidate : step) {
                    stepPairs++;
                    stepFailed += fails(candidate, aa.get(b), "drifts", tolerance) ? 1 : 0;
                }
            }
            String name = tolerance == 0.0 ? "p99 +20% alone" : String.format(Locale.ROOT, "p99 +20%% and shift > %.2f", tolerance);
            System.out.printf(Locale.ROOT, "%-28s %10d of %4d %18d of %4d%n", name, aaFailed, aaPairs, stepFailed, stepPairs);
        }
        double max = 0;
        for (int i = 1; i < aa.size(); i++) {
            for (String scope : SCOPES) {
                max = Math.max(max, RankShift.of(aa.get(i).evidence(), aa.get(i - 1).evidence(), scope));
            }
        }
        double smallest = 1;
        for (int b = Histories.STEP_AT - 10; b < Histories.STEP_AT; b++) {
            for (ChangeRule.Run candidate : step) {
                smallest = Math.min(smallest, RankShift.of(candidate.evidence(), aa.get(b).evidence(), "drifts"));
            }
        }
        System.out.printf(Locale.ROOT, "rank shift: largest between two healthy runs %.3f, smallest of the +20%% step over a healthy run %.3f%n", max, smallest);
    }

    private static boolean fails(ChangeRule.Run candidate, ChangeRule.Run baseline, String scope, double tolerance) {
        double now = candidate.evidence().scope(scope).histogram().getValueAtPercentile(99);
        double before = baseline.evidence().scope(scope).histogram().getValueAtPercentile(99);
        boolean percentile = now > before * 1.2;
        return tolerance == 0.0 ? percentile : percentile && RankShift.of(candidate.evidence(), baseline.evidence(), scope) > tolerance;
    }
}
