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

    private TrendReport() {
    }

    /** Writes report.html, summary.md and changes.json into {@code out}; returns the changes. */
    public static List<Change> write(String environment, List<ChangeRule.Run> history, Path out) throws IOException {
        List<ChangeRule.Run> runs = gated(history);
        List<Change> changes = ChangeRule.all(runs);
        Files.createDirectories(out);
        Files.writeString(out.resolve("report.html"), html(environment, runs, changes, history), StandardCharsets.UTF_8);
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
    static String html(String environment, List<ChangeRule.Run> runs, List<Change> changes, List<ChangeRule.Run> history) {
        StringBuilder h = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc("Performance history: " + environment)).append("</title><style>")
                .append("body{font:14px system-ui,sans-serif;margin:24px;color:#222}h2{margin-top:32px}svg{background:#fafafa;border:1px solid #ddd;margin:4px}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}.change{color:#b00}")
                .append("</style></head><body><h1>").append(esc("Performance history: " + environment)).append("</h1><p>")
                .append(runs.size()).append(" runs, ").append(changes.isEmpty() ? "no change detected" : changes.size() + " change(s) detected")
                .append(" (rule: docs/gates.md, \"The regression rule\").</p>");
        for (Change c : changes) {
            h.append("<p class=\"change\">").append(esc(c.scope() + " " + c.metric() + " rose from run " + c.fromId() + " (confirmed at "
                    + runs.get(c.confirmedAt()).id() + "): " + c.size())).append("</p>");
        }
        Distributions cache = new Distributions();
        for (String scope : Scopes.of(runs)) {
            RunSeries s = RunSeries.of(runs, scope, cache);
            List<Change> here = changes.stream().filter(c -> c.scope().equals(scope)).toList();
            h.append("<h2>").append(esc(scope)).append("</h2>");
            h.append(Chart.svg("latency (ms)", new String[] {"p50", "p95", "p99"}, new double[][] {s.p50(), s.p95(), s.p99()}, here, "latency"));
            h.append(Chart.svg("throughput (requests/s)", new String[] {"throughput"}, new double[][] {s.throughput()}, List.of(), ""));
            h.append(Chart.svg("error rate (%)", new String[] {"errors"}, new double[][] {s.errorRate()}, here, "errorRate"));
            if (scope.equals("global")) {
                h.append(Chart.svg("cache hit ratio (%)", new String[] {"hits"}, new double[][] {s.cacheHitRatio()}, List.of(), ""));
            }
        }
        h.append("<h2>The last runs</h2><table><tr><th>run</th><th>requests</th><th>p50</th><th>p95</th><th>p99</th><th>errors</th><th>cache hits</th><th>verdict</th><th>reports</th></tr>");
        RunSeries global = RunSeries.of(runs, "global", cache);
        for (int i = Math.max(0, runs.size() - LAST_RUNS); i < runs.size(); i++) {
            h.append("<tr><td>").append(esc(runs.get(i).id())).append("</td><td>").append(runs.get(i).evidence().global().requests())
                    .append("</td><td>").append(num(global.p50()[i])).append(" ms</td><td>").append(num(global.p95()[i])).append(" ms</td><td>")
                    .append(num(global.p99()[i])).append(" ms</td><td>").append(num(global.errorRate()[i])).append(" %</td><td>")
                    .append(num(global.cacheHitRatio()[i])).append(" %</td><td>").append(esc(String.valueOf(Objects.requireNonNullElse(runs.get(i).verdict(), "–"))))
                    .append("</td><td>").append(link(runs.get(i).reports())).append("</td></tr>");
        }
        return h.append("</table>").append(CapacitySection.html(history)).append("</body></html>\n").toString();
    }

    /** A link to a run's reports (its workflow run), only to an http(s) address: the page itself fetches nothing. */
    private static String link(String url) {
        return url == null || !url.matches("https?://[^\\s\"<>]+") ? "–" : "<a href=\"" + esc(url) + "\">Gatling report, verdict</a>";
    }

    public static String num(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.2f", v);
    }

    public static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
