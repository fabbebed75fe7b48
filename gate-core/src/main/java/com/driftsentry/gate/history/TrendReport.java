package com.driftsentry.gate.history;

import com.driftsentry.gate.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The nightly report of a stage's history: one self-contained HTML page (inline SVG, no script,
 * nothing fetched), a Markdown summary for the job summary, and the detected changes as JSON. Per
 * scope: p50/p95/p99, throughput, error rate and (global) the cache hit ratio over the runs, each
 * change the rule found drawn where it starts, with its size; then a table of the last runs, and
 * the stress runs' knee and the target's memory ({@link CapacitySection}).
 */
public final class TrendReport {
    private static final int LAST_RUNS = 20;
    private static final int BASELINE_RUNS = 20;
    private static final int BANDS_ON_EVERY_CHART_UP_TO = 120;

    private TrendReport() {
    }

    /** Writes report.html, summary.md and changes.json into {@code out}; returns the changes. */
    public static List<Change> write(String environment, List<ChangeRule.Run> history, Path out) throws IOException {
        return write(environment, history, out, Map.of(), null);
    }

    /**
     * The same, with each scope's latency bound from the environment (ms; drawn on its latency chart) and the stage's
     * {@code promoted} baseline, the evidence a {@code maxRegression} bound compares with (null: the stage has none yet;
     * the page then marks the median of the runs before the last instead, and says so).
     */
    public static List<Change> write(String environment, List<ChangeRule.Run> history, Path out, Map<String, Double> latencyBounds,
            PromotedBaseline promoted) throws IOException {
        List<ChangeRule.Run> runs = gated(history);
        List<Change> changes = ChangeRule.all(runs);
        Files.createDirectories(out);
        Files.writeString(out.resolve("report.html"), html(environment, runs, changes, history, new Levels(latencyBounds, promoted)),
                StandardCharsets.UTF_8);
        Files.writeString(out.resolve("summary.md"), markdown(environment, runs, changes), StandardCharsets.UTF_8);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Change c : changes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scope", c.scope());
            m.put("metric", c.metric());
            m.put("fromRun", c.fromId());
            m.put("confirmedAtRun", runs.get(c.confirmedAt()).id());
            m.put("runsToConfirm", c.delay() + 1);
            m.put("effect", c.effect());
            m.put("size", c.size());
            list.add(m);
        }
        Files.writeString(out.resolve("changes.json"), Json.PRETTY.writeValueAsString(Map.of("environment", environment, "runs", runs.size(), "changes", list)),
                StandardCharsets.UTF_8);
        return changes;
    }

    /**
     * The runs the regression rule judges: those of the simulation most of the history holds (the
     * gated one). Soak and stress runs carry other loads, so they are charted apart, never compared with it.
     */
    static List<ChangeRule.Run> gated(List<ChangeRule.Run> history) {
        Map<String, Long> counts = new LinkedHashMap<>();
        history.forEach(r -> counts.merge(r.evidence().simulation(), 1L, Long::sum));
        String most = counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
        return history.stream().filter(r -> most.equals(r.evidence().simulation())).toList();
    }

    static String markdown(String environment, List<ChangeRule.Run> runs, List<Change> changes) {
        StringBuilder md = new StringBuilder("## Nightly performance on " + environment + ": " + runs.size() + " runs, "
                + (changes.isEmpty() ? "no change detected" : changes.size() + " change(s) detected") + "\n\n");
        if (!changes.isEmpty()) {
            md.append("| scope | metric | from run | confirmed at | size |\n|---|---|---|---|---|\n");
            for (Change c : changes) {
                md.append("| ").append(c.scope()).append(" | ").append(c.metric()).append(" | ").append(c.fromId()).append(" | ")
                        .append(runs.get(c.confirmedAt()).id()).append(" | ").append(c.size()).append(" |\n");
            }
        }
        return md.toString();
    }

    /** {@code runs}: the gated runs the rule judged; {@code history}: every run, for the stress and memory charts. */
    static String html(String environment, List<ChangeRule.Run> runs, List<Change> changes, List<ChangeRule.Run> history, Levels levels) {
        StringBuilder h = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc("Performance history: " + environment)).append("</title><style>")
                .append("body{font:14px system-ui,sans-serif;margin:24px;color:#222}h2{margin:28px 0 6px}svg{background:#fafafa;border:1px solid #ddd}")
                .append(".row{display:flex;flex-wrap:wrap;gap:6px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
                .append("td:first-child,th:first-child{text-align:left}.change{color:#b00}")
                .append("</style></head><body><h1>").append(esc("Performance history: " + environment)).append("</h1><p>")
                .append(runs.size()).append(" runs, ").append(changes.isEmpty() ? "no change detected" : changes.size() + " change(s) detected")
                .append(" (rule: docs/gates.md, \"The regression rule\"). Point at a chart to see which run is which.</p>");
        Distributions cache = new Distributions();
        Chart.Runs axis = Chart.Runs.of(runs);
        Map<String, RunSeries> series = new LinkedHashMap<>();
        Scopes.of(runs).forEach(scope -> series.put(scope, RunSeries.of(runs, scope, cache)));
        // Each scope's baseline once, for its summary line and its chart (the promoted one's global scope pools every group).
        Map<String, Double> baselines = new LinkedHashMap<>();
        series.forEach((scope, s) -> baselines.put(scope, levels.baseline(scope, s)));
        h.append(summary(runs, changes, series, baselines, levels));
        // A long history names its runs on the latency charts only: a year of runs stays under a megabyte.
        boolean every = runs.size() <= BANDS_ON_EVERY_CHART_UP_TO;
        series.forEach((scope, s) -> {
            List<Change> here = changes.stream().filter(c -> c.scope().equals(scope)).toList();
            h.append("<h2>").append(esc(scope)).append("</h2><div class=\"row\">");
            h.append(Chart.svg("latency", "ms", new String[] {"p50", "p95", "p99"}, new double[][] {s.p50(), s.p95(), s.p99()}, axis,
                    new Chart.Marks(here, "latency", levels.bounds().get(scope), baselines.get(scope), levels.baselineName())));
            h.append(Chart.svg("throughput", "req/s", new String[] {"throughput"}, new double[][] {s.throughput()}, axis, Chart.Marks.NONE, every));
            h.append(Chart.svg("error rate", "%", new String[] {"errors"}, new double[][] {s.errorRate()}, axis,
                    new Chart.Marks(here, "errorRate", null, null, ""), every));
            if (scope.equals("global")) {
                h.append(Chart.svg("cache hit ratio", "%", new String[] {"hits"}, new double[][] {s.cacheHitRatio()}, axis, Chart.Marks.NONE, every));
            }
            h.append("</div>");
        });
        h.append("<h2>The last runs</h2><table><tr><th>run</th><th>requests</th><th>p50</th><th>p95</th><th>p99</th><th>errors</th><th>cache hits</th><th>verdict</th><th>reports</th></tr>");
        RunSeries global = series.computeIfAbsent("global", g -> RunSeries.of(runs, g, cache));
        for (int i = Math.max(0, runs.size() - LAST_RUNS); i < runs.size(); i++) {
            h.append("<tr><td>").append(esc(runs.get(i).id())).append("</td><td>").append(runs.get(i).evidence().global().requests())
                    .append("</td><td>").append(num(global.p50()[i])).append(" ms</td><td>").append(num(global.p95()[i])).append(" ms</td><td>")
                    .append(num(global.p99()[i])).append(" ms</td><td>").append(num(global.errorRate()[i])).append(" %</td><td>")
                    .append(num(global.cacheHitRatio()[i])).append(" %</td><td>").append(esc(String.valueOf(Objects.requireNonNullElse(runs.get(i).verdict(), "–"))))
                    .append("</td><td>").append(link(runs.get(i).reports())).append("</td></tr>");
        }
        return h.append("</table>").append(CapacitySection.html(history)).append("</body></html>\n").toString();
    }

    /** One line per scope: the last run's p99, how far it is from the baseline, and the last change the rule found there. */
    private static String summary(List<ChangeRule.Run> runs, List<Change> changes, Map<String, RunSeries> series, Map<String, Double> baselines,
            Levels levels) {
        StringBuilder h = new StringBuilder("<table class=\"summary\"><tr><th>scope</th><th>p99, last run</th><th>").append(levels.baselineName())
                .append(" p99</th><th>against it</th><th>last detected change</th></tr>");
        series.forEach((scope, s) -> {
            double last = s.p99().length == 0 ? Double.NaN : s.p99()[s.p99().length - 1];
            Double base = baselines.get(scope);
            String against = base == null || Double.isNaN(last) || base == 0 ? "–" : String.format(Locale.ROOT, "%+.0f%%", 100 * (last - base) / base);
            String change = changes.stream().filter(c -> c.scope().equals(scope)).reduce((a, b) -> b)
                    .map(c -> c.metric() + " " + c.size() + " from " + c.fromId() + " (confirmed at " + runs.get(c.confirmedAt()).id() + ")").orElse("none");
            h.append("<tr><td>").append(esc(scope)).append("</td><td>").append(num(last)).append(" ms</td><td>")
                    .append(base == null ? "–" : num(base) + " ms").append("</td><td>").append(against).append("</td><td")
                    .append(change.equals("none") ? ">" : " class=\"change\">").append(esc(change)).append("</td></tr>");
        });
        return h.append("</table><p>").append(esc(levels.origin())).append("</p>").toString();
    }

    /**
     * The levels a latency chart draws: the environment's p99 bounds, and the baseline, the stage's promoted one where it
     * has one (what the next deploy is judged against), else the median of the runs before the last.
     */
    record Levels(Map<String, Double> bounds, PromotedBaseline promoted) {
        Double baseline(String scope, RunSeries s) {
            return promoted == null ? TrendReport.baseline(s.p99()) : promoted.p99(scope);
        }

        String baselineName() {
            return promoted == null ? "baseline" : "promoted baseline";
        }

        String origin() {
            return promoted == null ? "The baseline is the median p99 of the up to " + BASELINE_RUNS + " runs before the last (at least three): "
                    + "no promoted release's evidence was read for this stage."
                    : "The promoted baseline is " + promoted.origin() + ": what a maxRegression bound compares the next candidate with.";
        }
    }

    /** The median of the up to {@link #BASELINE_RUNS} values before the last one; null with fewer than three. */
    static Double baseline(double[] values) {
        double[] before = java.util.Arrays.stream(values, Math.max(0, values.length - 1 - BASELINE_RUNS), Math.max(0, values.length - 1))
                .filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (before.length < 3) {
            return null;
        }
        int m = before.length / 2;
        return before.length % 2 == 1 ? before[m] : (before[m - 1] + before[m]) / 2;
    }

    /** A link to a run's reports (its workflow run), only to an http(s) address: the page itself fetches nothing. */
    private static String link(String url) {
        return followable(url) == null ? "–" : "<a href=\"" + esc(url) + "\">Gatling report, verdict</a>";
    }

    /** {@code url} when it is an http(s) address a person may follow from the page, else null. */
    static String followable(String url) {
        return url != null && url.matches("https?://[^\\s\"<>]+") ? url : null;
    }

    public static String num(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.2f", v);
    }

    public static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
