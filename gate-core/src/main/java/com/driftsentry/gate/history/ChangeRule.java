package com.driftsentry.gate.history;

import com.driftsentry.gate.evidence.Evidence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The regression rule over a stage's history (docs/gates.md, "The regression rule"). Each run is
 * compared with a reference: the pooled requests of up to {@link #WINDOW} earlier runs at the
 * current level (at least {@link #MIN_WINDOW}, else the run only teaches the level).
 * <ul>
 * <li>Latency: the rank effect A of the run's whole distribution against the reference's
 * ({@link Distribution#rankEffectOver}). The machine's own run-to-run noise is measured in the same units: each
 * reference run's A against the others. A run is suspect when its A exceeds their median by more
 * than {@link #K} robust deviations (1.4826 × MAD) and by at least {@link #MIN_EFFECT}.</li>
 * <li>Error rate: suspect when the run's rate exceeds the reference's by more than
 * {@link #MIN_RATE_STEP} and by {@link #K} standard errors of the difference of two proportions.</li>
 * </ul>
 * {@link #CONFIRM} suspect runs in a row are a change, dated from the first; the level then
 * restarts there. A lone suspect run is an outlier: it raises nothing and is kept out of later
 * references. Only rises are changes (an improvement raises no alarm).
 */
public final class ChangeRule {
    public static final int WINDOW = 10;
    public static final int MIN_WINDOW = 5;
    public static final int CONFIRM = 2;
    public static final double K = 4.0;
    public static final double MIN_EFFECT = 0.05;
    public static final double MIN_RATE_STEP = 0.005;
    /** A run with fewer requests in the scope says too little about its distribution to be judged. */
    public static final long MIN_REQUESTS = 30;

    /**
     * One run of a history: its id (time and run), its load evidence, and what the report shows of it when known: the
     * load gate's outcome, a link to where its reports are, a stress run's {@code knee} (users/s) and the release its
     * target served.
     */
    public record Run(String id, Evidence evidence, String verdict, String reports, Double knee, String release) {
        public Run(String id, Evidence evidence) {
            this(id, evidence, null, null, null, null);
        }
    }

    private record Judged(boolean suspect, double effect, String size) {
    }

    /** Judges run {@code r} of a scope against the runs at {@code window}. */
    private interface Judge {
        Judged judge(InScope runs, int r, List<Integer> window);
    }

    /**
     * A history's runs in one scope: per run the requests, the unexpected ones and the latency
     * distribution (for "global", the groups pooled), and for a request group its control, the same
     * run's other groups. Built from each group's distribution once: HdrHistograms are large to merge.
     */
    private static final class InScope {
        final long[] requests;
        final long[] unexpected;
        final boolean controlled;
        private final Distribution[] distributions;
        private final Distribution[] controls;

        InScope(List<Run> runs, String scope, Distributions cache) {
            int n = runs.size();
            requests = new long[n];
            unexpected = new long[n];
            distributions = new Distribution[n];
            controls = new Distribution[n];
            controlled = !scope.equals("global") && runs.stream().allMatch(r -> r.evidence().groups().size() > 1);
            for (int i = 0; i < n; i++) {
                for (var g : runs.get(i).evidence().groups().entrySet()) {
                    if (scope.equals("global") || g.getKey().equals(scope)) {
                        requests[i] += g.getValue().requests();
                        unexpected[i] += g.getValue().unexpected();
                    }
                }
                distributions[i] = cache.scope(runs.get(i).evidence(), scope);
                controls[i] = controlled ? cache.control(runs.get(i).evidence(), scope) : null;
            }
        }

        Distribution distribution(int i) {
            return distributions[i];
        }

        Distribution control(int i) {
            return controls[i];
        }
    }

    private ChangeRule() {
    }

    public static List<Change> latency(List<Run> runs, String scope) {
        return detect(runs, scope, "latency", ChangeRule::latencyShift, new Distributions());
    }

    public static List<Change> errorRate(List<Run> runs, String scope) {
        return detect(runs, scope, "errorRate", ChangeRule::errorStep, new Distributions());
    }

    /** Every change in every scope the runs share (each group, and "global"), latency and error rate. */
    public static List<Change> all(List<Run> runs) {
        List<Change> all = new ArrayList<>();
        Distributions cache = new Distributions();
        for (String scope : Scopes.of(runs)) {
            all.addAll(detect(runs, scope, "latency", ChangeRule::latencyShift, cache));
            all.addAll(detect(runs, scope, "errorRate", ChangeRule::errorStep, cache));
        }
        all.sort((a, b) -> Integer.compare(a.confirmedAt(), b.confirmedAt()));
        return all;
    }

    private static List<Change> detect(List<Run> runs, String scope, String metric, Judge judge, Distributions cache) {
        List<Change> changes = new ArrayList<>();
        InScope in = new InScope(runs, scope, cache);
        List<Integer> level = new ArrayList<>();
        int pending = -1;
        int streak = 0;
        for (int r = 0; r < runs.size(); r++) {
            if (in.requests[r] < MIN_REQUESTS) {
                continue;
            }
            List<Integer> window = level.subList(Math.max(0, level.size() - WINDOW), level.size());
            if (window.size() < MIN_WINDOW) {
                level.add(r);
                continue;
            }
            Judged j = judge.judge(in, r, window);
            if (!j.suspect()) {
                level.add(r);
                pending = -1;
                streak = 0;
                continue;
            }
            pending = pending < 0 ? r : pending;
            if (++streak == CONFIRM) {
                changes.add(new Change(scope, metric, pending, runs.get(pending).id(), r, j.effect(), j.size()));
                level = new ArrayList<>();
                for (int i = pending; i <= r; i++) {
                    level.add(i);
                }
                pending = -1;
                streak = 0;
            }
        }
        return changes;
    }

    private static Judged latencyShift(InScope in, int r, List<Integer> window) {
        Distribution pooled = Distribution.pool(window.stream().map(in::distribution).toList(), -1);
        Distribution pooledControl = in.controlled ? Distribution.pool(window.stream().map(in::control).toList(), -1) : null;
        Distribution now = in.distribution(r);
        double a = shift(in, r, pooled, pooledControl, false);
        double[] noise = new double[window.size()];
        for (int i = 0; i < window.size(); i++) {
            noise[i] = shift(in, window.get(i), pooled, pooledControl, true);
        }
        double center = median(noise);
        double bound = center + Math.max(K * 1.4826 * mad(noise, center), MIN_EFFECT);
        String size = String.format(Locale.ROOT, "p50 %s, p95 %s, p99 %s; rank effect %s%.2f (bound %.2f)", ratio(now, pooled, 50),
                ratio(now, pooled, 95), ratio(now, pooled, 99), in.controlled ? "beyond the other groups' " : "A ", a, bound);
        return new Judged(a > bound, a, size);
    }

    /**
     * Run {@code r}'s rank effect over the reference ({@code inReference}: without its own requests,
     * as it is one of them). For a request group, minus its control's: a slow machine slows every
     * group of a run alike, a regression of one route only that route.
     */
    private static double shift(InScope in, int r, Distribution pooled, Distribution pooledControl, boolean inReference) {
        Distribution self = in.distribution(r);
        double a = self.rankEffectOver(inReference ? pooled.minus(self) : pooled);
        if (!in.controlled) {
            return a;
        }
        Distribution control = in.control(r);
        return a - control.rankEffectOver(inReference ? pooledControl.minus(control) : pooledControl);
    }

    private static Judged errorStep(InScope in, int r, List<Integer> window) {
        long refErrors = window.stream().mapToLong(i -> in.unexpected[i]).sum();
        long refRequests = window.stream().mapToLong(i -> in.requests[i]).sum();
        double pRef = (double) refErrors / refRequests;
        double pRun = (double) in.unexpected[r] / in.requests[r];
        double pooled = (double) (refErrors + in.unexpected[r]) / (refRequests + in.requests[r]);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / in.requests[r] + 1.0 / refRequests));
        double step = pRun - pRef;
        String size = String.format(Locale.ROOT, "error rate %.2f%% vs %.2f%% (%+.2f points)", 100 * pRun, 100 * pRef, 100 * step);
        return new Judged(step > Math.max(MIN_RATE_STEP, K * se), step, size);
    }

    private static String ratio(Distribution now, Distribution before, double percent) {
        long n = now.percentile(percent);
        long b = before.percentile(percent);
        return b == 0 ? n + " ms" : String.format(Locale.ROOT, "%+.0f%%", 100.0 * (n - b) / b);
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double mad(double[] values, double center) {
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = Math.abs(values[i] - center);
        }
        return median(d);
    }
}
