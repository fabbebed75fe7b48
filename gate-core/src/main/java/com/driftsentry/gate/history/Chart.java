package com.driftsentry.gate.history;

import com.driftsentry.gate.evidence.GroupEvidence;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line chart as inline SVG, readable without the table: a value axis at round ticks with its unit (a percentage
 * axis ends at 100), the runs' dates along the bottom, the environment's bound and the baseline as lines, each change
 * the rule found shaded from the run it starts at to the run that confirmed it and labelled with its size, and under
 * each run a band whose {@code <title>} says which run it is and its values (the browser shows it on hover: no script),
 * linked to the run's reports where they are known.
 */
public final class Chart {
    private static final int W = 440;
    private static final int H = 210;
    private static final int LEFT = 56;
    private static final int RIGHT = 14;
    private static final int TOP = 28;
    private static final int BOTTOM = 34;
    private static final int DOTS_UP_TO = 30;
    private static final int X_LABELS = 4;
    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#d62728"};
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Chart() {
    }

    /**
     * What the x axis says of each run: its id, its date (empty when unknown), the address of its reports (null: none) and
     * the release its target served (empty when unknown).
     */
    public record Runs(String[] ids, String[] dates, String[] links, String[] releases) {
        static Runs of(List<ChangeRule.Run> runs) {
            int n = runs.size();
            Runs r = new Runs(new String[n], new String[n], new String[n], new String[n]);
            Instant[] starts = runs.stream().map(run -> run.evidence().groups().values().stream().map(GroupEvidence::windowStart)
                    .filter(t -> t != null).min(Instant::compareTo).orElse(null)).toArray(Instant[]::new);
            // Nightly runs differ by their day; runs of one day (a day of deploys, a test history) by their time.
            boolean oneDay = java.util.Arrays.stream(starts).filter(t -> t != null).map(DAY::format).distinct().count() <= 1 && n > 1;
            for (int i = 0; i < n; i++) {
                r.ids[i] = runs.get(i).id();
                r.dates[i] = starts[i] == null ? "" : (oneDay ? HOUR : DAY).format(starts[i]);
                r.links[i] = TrendReport.followable(runs.get(i).reports());
                r.releases[i] = runs.get(i).release() == null ? "" : runs.get(i).release();
            }
            return r;
        }

        /** Points that are no runs (a scaled-out run's intervals): each labelled {@code label(i)}. */
        public static Runs labelled(int n, java.util.function.IntFunction<String> label) {
            Runs r = new Runs(new String[n], new String[n], new String[n], new String[n]);
            for (int i = 0; i < n; i++) {
                r.ids[i] = label.apply(i);
                r.dates[i] = r.ids[i];
                r.releases[i] = "";
            }
            return r;
        }
    }

    /**
     * What a chart marks beside its series: the changes of its {@code metric}, the environment's {@code bound} and the
     * {@code baseline} (null: none), labelled {@code baselineName}.
     */
    record Marks(List<Change> changes, String metric, Double bound, Double baseline, String baselineName) {
        static final Marks NONE = new Marks(List.of(), "", null, null, "");
    }

    /** A chart of points that are no runs (a scaled-out run's intervals, labelled by {@code runs}), nothing marked. */
    public static String svg(String title, String unit, String[] names, double[][] series, Runs runs) {
        return svg(title, unit, names, series, runs, Marks.NONE);
    }

    static String svg(String title, String unit, String[] names, double[][] series, Runs runs, Marks marks) {
        return svg(title, unit, names, series, runs, marks, true);
    }

    /** {@code bands}: a band under each run with its title (a long history draws them on its latency charts only). */
    static String svg(String title, String unit, String[] names, double[][] series, Runs runs, Marks marks, boolean bands) {
        int n = series[0].length;
        double min = 0;
        double max = 0;
        for (double[] s : series) {
            for (double v : s) {
                min = Double.isNaN(v) ? min : Math.min(min, v);
                max = Double.isNaN(v) ? max : Math.max(max, v);
            }
        }
        // A bound far above the data would flatten it: drawn when within three times the highest point, else named.
        boolean boundOnAxis = marks.bound() != null && marks.bound() <= 3 * Math.max(max, 1e-9);
        max = Math.max(max, boundOnAxis ? marks.bound() : 0);
        max = Math.max(max, marks.baseline() == null ? 0 : marks.baseline());
        Axis axis = Axis.of(min, max * 1.05, "%".equals(unit));
        Plot p = new Plot(n, axis);
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + W + "\" height=\"" + H + "\" role=\"img\" aria-label=\""
                + TrendReport.esc(title) + "\"><style>.run{fill:transparent;y:" + TOP + "px;height:" + (H - TOP - BOTTOM) + "px}.run:hover{fill:#0000000d}"
                + "text{font-size:10px}</style>"
                + "<text x=\"" + LEFT + "\" y=\"14\" style=\"font-size:12px\">" + TrendReport.esc(title) + "</text>");
        for (double t : axis.ticks()) {
            svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>"
                    + "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT, W - RIGHT, p.y(t), p.y(t),
                    t == 0 ? "#999" : "#e4e4e4", LEFT - 4, p.y(t) + 3, axis.label(t) + (t == axis.hi() ? " " + unit : "")));
        }
        xLabels(svg, p, runs);
        for (Change c : marks.changes()) {
            if (c.metric().equals(marks.metric())) {
                double from = p.x(c.from());
                double to = Math.max(p.x(c.confirmedAt()), from + 3);
                svg.append(String.format(Locale.ROOT, "<rect class=\"change-span\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#b00\" "
                        + "fill-opacity=\"0.12\"><title>%s</title></rect><line class=\"change\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#b00\" "
                        + "stroke-dasharray=\"4 3\"/><text x=\"%.1f\" y=\"%d\" fill=\"#b00\">%s</text>", from, TOP, to - from, H - TOP - BOTTOM,
                        TrendReport.esc("change from " + c.fromId() + ", confirmed at " + runs.ids()[c.confirmedAt()] + ": " + c.size()),
                        from, from, TOP, H - BOTTOM, Math.min(from + 3, W - RIGHT - 90), TOP + 10, TrendReport.esc("change at " + c.fromId() + ": " + c.size())));
            }
        }
        level(svg, p, "bound", "bound", marks.bound(), boundOnAxis, "#d62728", "6 3", unit);
        level(svg, p, "baseline", marks.baselineName(), marks.baseline(), true, "#555", "2 2", unit);
        for (int k = 0; k < series.length; k++) {
            String color = COLORS[k % COLORS.length];
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < n; i++) {
                if (!Double.isNaN(series[k][i])) {
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", p.x(i), p.y(series[k][i])));
                }
            }
            svg.append("<polyline class=\"series\" fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"1.5\" points=\"")
                    .append(points.toString().strip()).append("\"><title>").append(names[k]).append("</title></polyline>");
            // A line through one run has no length: few runs are drawn as dots too (many would only weigh the page down).
            for (int i = 0; i < n && n <= DOTS_UP_TO; i++) {
                if (!Double.isNaN(series[k][i])) {
                    svg.append(String.format(Locale.ROOT, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>", p.x(i), p.y(series[k][i]), color));
                }
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\" text-anchor=\"end\">%s</text>", W - RIGHT - 58 * (series.length - 1 - k),
                    14, color, names[k]));
        }
        if (bands) {
            runBands(svg, p, runs, names, series, unit);
        }
        return svg.append("</svg>").toString();
    }

    /** Where a run and a value fall in the plot. */
    private record Plot(int n, Axis axis) {
        double x(int i) {
            return LEFT + (n <= 1 ? (W - LEFT - RIGHT) / 2.0 : (double) i * (W - LEFT - RIGHT) / (n - 1));
        }

        double y(double v) {
            double clamped = Math.max(axis.lo(), Math.min(axis.hi(), v));
            return H - BOTTOM - (clamped - axis.lo()) / (axis.hi() - axis.lo()) * (H - TOP - BOTTOM);
        }
    }

    /** A few runs' dates (or ids) along the bottom, the first and the last among them. */
    private static void xLabels(StringBuilder svg, Plot p, Runs runs) {
        int k = Math.min(p.n(), X_LABELS);
        List<Integer> at = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            int i = k == 1 ? 0 : (int) Math.round((double) j * (p.n() - 1) / (k - 1));
            if (!at.contains(i)) {
                at.add(i);
            }
        }
        for (int i : at) {
            String label = runs.dates()[i].isEmpty() ? runs.ids()[i] : runs.dates()[i];
            String anchor = i == 0 && p.n() > 1 ? "start" : i == p.n() - 1 && p.n() > 1 ? "end" : "middle";
            svg.append(String.format(Locale.ROOT, "<text class=\"xtick\" x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%s</text>", p.x(i), H - BOTTOM + 14,
                    anchor, TrendReport.esc(shorten(label))));
            if (!runs.releases()[i].isEmpty()) {
                svg.append(String.format(Locale.ROOT, "<text class=\"xrelease\" x=\"%.1f\" y=\"%d\" text-anchor=\"%s\" fill=\"#666\">%s</text>", p.x(i),
                        H - BOTTOM + 26, anchor, TrendReport.esc(shorten(runs.releases()[i]))));
            }
        }
    }

    /** A level across the plot (the bound, the baseline) with its value; a bound above the axis is named at the top instead. */
    private static void level(StringBuilder svg, Plot p, String kind, String name, Double value, boolean onAxis, String color, String dash, String unit) {
        if (value == null) {
            return;
        }
        String text = name + " " + TrendReport.num(value) + " " + unit;
        if (!onAxis) {
            svg.append(String.format(Locale.ROOT, "<text class=\"%s\" x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"%s\">%s above the chart</text>", kind,
                    W - RIGHT, TOP - 2, color, TrendReport.esc(text)));
            return;
        }
        svg.append(String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"%s\"/>"
                + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"%s\">%s</text>", kind, LEFT, W - RIGHT, p.y(value), p.y(value), color, dash,
                W - RIGHT - 2, p.y(value) - 3, color, TrendReport.esc(text)));
    }

    /** Under each run a band the height of the plot: its title names the run and its values; it links to its reports where known. */
    private static void runBands(StringBuilder svg, Plot p, Runs runs, String[] names, double[][] series, String unit) {
        double width = p.n() <= 1 ? W - LEFT - RIGHT : (double) (W - LEFT - RIGHT) / (p.n() - 1);
        for (int i = 0; i < p.n(); i++) {
            StringBuilder title = new StringBuilder(runs.ids()[i]);
            if (!runs.dates()[i].isEmpty() && !runs.dates()[i].equals(runs.ids()[i])) {
                title.append(" (").append(runs.dates()[i]).append(runs.releases()[i].isEmpty() ? "" : ", release " + runs.releases()[i]).append(")");
            }
            for (int k = 0; k < series.length; k++) {
                title.append(k == 0 ? ": " : ", ").append(names[k]).append(' ').append(TrendReport.num(series[k][i]));
            }
            // Its y and height are the style's (one rule per chart, not two attributes per run: a year of runs stays small).
            String band = String.format(Locale.ROOT, "<rect class=\"run\" x=\"%.1f\" width=\"%.1f\"><title>%s %s</title></rect>",
                    p.x(i) - width / 2, width, TrendReport.esc(title.toString()), TrendReport.esc(unit));
            svg.append(runs.links()[i] == null ? band : "<a href=\"" + TrendReport.esc(runs.links()[i]) + "\">" + band + "</a>");
        }
    }

    private static String shorten(String label) {
        return label.length() <= 18 ? label : label.substring(0, 17) + "…";
    }
}
