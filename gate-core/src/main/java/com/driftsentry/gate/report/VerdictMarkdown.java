package com.driftsentry.gate.report;

import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;

/** {@code verdict.md}: a heading with the outcome, then a table a person reads in a CI job summary. */
public final class VerdictMarkdown {
    private VerdictMarkdown() {
    }

    public static String render(Verdict v) {
        StringBuilder md = new StringBuilder();
        md.append("### ").append(icon(v.outcome())).append(' ').append(v.gate()).append(" gate: **").append(v.outcome())
                .append("** — ").append(escape(v.subject())).append(" on `").append(v.environment()).append("`\n\n");
        md.append("Target: ").append(escape(v.target())).append(" · judged ").append(v.judgedAt()).append("\n\n");
        md.append(header());
        for (VerdictLine l : v.lines()) {
            md.append(row(l));
        }
        return md.toString();
    }

    /** The table header; other gates (smoke, contract) append rows of the same shape. */
    public static String header() {
        return "| criterion | threshold | measured | samples | window | result |\n|---|---|---|---:|---|---|\n";
    }

    public static String row(VerdictLine l) {
        String result = icon(l.outcome()) + " " + l.outcome() + (l.outcome() == Outcome.PASS ? "" : ": " + escape(l.reason()));
        return "| " + escape(l.criterion()) + " | " + escape(l.threshold()) + " | " + escape(l.measured()) + " | "
                + l.samples() + (l.minSamples() > 0 ? " (min " + l.minSamples() + ")" : "") + " | " + escape(l.window()) + " | " + result + " |\n";
    }

    private static String icon(Outcome o) {
        return switch (o) {
            case PASS -> "✅";
            case FAIL -> "❌";
            case INCONCLUSIVE -> "⚠️";
            case NOT_JUDGED -> "➖";
        };
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }
}
