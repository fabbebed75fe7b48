package com.driftsentry.gate.scaleout;

import static com.driftsentry.gate.history.TrendReport.esc;

import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.evidence.GroupEvidence;
import com.driftsentry.gate.history.Chart;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * One page for a scaled-out run (Gatling's open-source edition writes one report per generator and merges none): the
 * merged p50, p99 and maximum of each request group over the run's intervals, and each generator's share of every
 * interval. One self-contained file, no script, nothing fetched.
 */
public final class RunPage {
    private RunPage() {
    }

    public static String html(String title, MergedRun run) {
        SortedMap<Integer, Evidence> overTime = run.overTime();
        SortedMap<Integer, Map<Integer, Long>> shares = run.requestsByInterval();
        long seconds = run.start().interval().toSeconds();
        StringBuilder h = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title><style>body{font:14px system-ui,sans-serif;margin:24px}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}</style></head><body><h1>").append(esc(title)).append("</h1>");
        h.append("<p>").append(run.count()).append(" generators, started ").append(esc(run.start().at().toString())).append(", intervals of ")
                .append(seconds).append(" s. ").append(esc(run.generatorsLine().measured())).append("</p>");
        TreeSet<String> groups = new TreeSet<>();
        overTime.values().forEach(e -> groups.addAll(e.groups().keySet()));
        for (String group : groups) {
            double[][] series = new double[3][overTime.size()];
            int i = 0;
            for (Evidence e : overTime.values()) {
                GroupEvidence g = e.groups().get(group);
                boolean any = g != null && g.histogram().getTotalCount() > 0;
                series[0][i] = any ? g.histogram().getValueAtPercentile(50) : Double.NaN;
                series[1][i] = any ? g.histogram().getValueAtPercentile(99) : Double.NaN;
                series[2][i] = any ? g.histogram().getMaxValue() : Double.NaN;
                i++;
            }
            Integer[] intervals = overTime.keySet().toArray(Integer[]::new);
            h.append(Chart.svg(group + ": response time per " + seconds + " s interval, every generator merged", "ms",
                    new String[] {"p50", "p99", "max"}, series, Chart.Runs.labelled(intervals.length, j -> intervals[j] * seconds + " s")));
        }
        h.append("<h2>Each generator's share</h2><table><tr><th>interval</th><th>from (s)</th>");
        for (int g = 0; g < run.count(); g++) {
            h.append("<th>generator ").append(g).append("</th>");
        }
        h.append("<th>all</th></tr>");
        shares.forEach((k, byGenerator) -> {
            long all = byGenerator.values().stream().mapToLong(Long::longValue).sum();
            h.append("<tr><td>").append(k).append("</td><td>").append(k * seconds).append("</td>");
            for (int g = 0; g < run.count(); g++) {
                Long n = byGenerator.get(g);
                h.append("<td>").append(n == null ? "missing" : String.format(Locale.ROOT, "%,d (%.0f%%)", n, all == 0 ? 0 : 100.0 * n / all))
                        .append("</td>");
            }
            h.append("<td>").append(String.format(Locale.ROOT, "%,d", all)).append("</td></tr>");
        });
        h.append("</table>");
        List<String> gaps = run.gaps().stream().map(l -> esc(l.reason())).toList();
        if (!gaps.isEmpty()) {
            h.append("<h2>Not whole</h2><ul><li>").append(String.join("</li><li>", gaps)).append("</li></ul>");
        }
        return h.append("</body></html>\n").toString();
    }
}
