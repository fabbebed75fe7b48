package com.driftsentry.gate.history;

import java.util.List;
import java.util.Locale;

/** One line chart as inline SVG: a polyline per series over the runs, a dashed line where each change starts, labelled with its size. */
public final class Chart {
    private static final int W = 900;
    private static final int H = 180;
    private static final int PAD = 36;
    private static final int DOTS_UP_TO = 30;
    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#d62728"};

    private Chart() {
    }

    /** A chart without changes marked (a scaled-out run's percentiles over its intervals). */
    public static String svg(String title, String[] names, double[][] series) {
        return svg(title, names, series, List.of(), "");
    }

    static String svg(String title, String[] names, double[][] series, List<Change> changes, String metric) {
        int n = series[0].length;
        double max = 0;
        double min = 0;
        for (double[] s : series) {
            for (double v : s) {
                max = Double.isNaN(v) ? max : Math.max(max, v);
                min = Double.isNaN(v) ? min : Math.min(min, v);
            }
        }
        // A growth can be negative: the axis then reaches below zero, and zero is where it is drawn.
        max = max <= 0 ? 1 : max * 1.1;
        min = min * 1.1;
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + W + "\" height=\"" + H + "\" role=\"img\" aria-label=\""
                + TrendReport.esc(title) + "\"><text x=\"" + PAD + "\" y=\"14\">" + TrendReport.esc(title) + "</text>");
        svg.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%d\" font-size=\"10\">%s</text><text x=\"2\" y=\"%d\" font-size=\"10\">0</text>",
                PAD - 6, TrendReport.num(max), (int) y(0, min, max) + 4));
        if (min < 0) {
            svg.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%d\" font-size=\"10\">%s</text>", H - PAD + 4, TrendReport.num(min)));
        }
        for (int k = 0; k < series.length; k++) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < n; i++) {
                if (!Double.isNaN(series[k][i])) {
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(i, n), y(series[k][i], min, max)));
                }
            }
            svg.append("<polyline class=\"series\" fill=\"none\" stroke=\"").append(COLORS[k % COLORS.length]).append("\" stroke-width=\"1.5\" points=\"")
                    .append(points.toString().strip()).append("\"><title>").append(names[k]).append("</title></polyline>");
            // A line through one run has no length: few runs are drawn as dots too (many would only weigh the page down).
            for (int i = 0; i < n && n <= DOTS_UP_TO; i++) {
                if (!Double.isNaN(series[k][i])) {
                    svg.append(String.format(Locale.ROOT, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>", x(i, n),
                            y(series[k][i], min, max), COLORS[k % COLORS.length]));
                }
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"%s\">%s</text>", W - 70, 14 + 13 * k,
                    COLORS[k % COLORS.length], names[k]));
        }
        for (Change c : changes) {
            if (c.metric().equals(metric)) {
                double at = x(c.from(), n);
                svg.append(String.format(Locale.ROOT, "<line class=\"change\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#b00\" stroke-dasharray=\"4 3\">"
                        + "<title>%s</title></line><text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"#b00\">%s</text>", at, at, PAD - 10, H - PAD,
                        TrendReport.esc(c.fromId() + ": " + c.size()), at + 3, PAD - 2, TrendReport.esc("change at " + c.fromId())));
            }
        }
        return svg.append("</svg>").toString();
    }

    private static double x(int i, int n) {
        return PAD + (n <= 1 ? 0 : (double) i * (W - 2 * PAD) / (n - 1));
    }

    private static double y(double v, double min, double max) {
        return H - PAD - (v - min) / (max - min) * (H - 2 * PAD);
    }
}
