package com.driftsentry.gate.report;

import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import java.util.List;

/** The short table printed at the end of a run: fixed-width columns, the outcome last on each line. */
public final class ConsoleTable {
    private ConsoleTable() {
    }

    public static String render(Verdict v) {
        List<String[]> rows = new java.util.ArrayList<>();
        rows.add(new String[] {"criterion", "measured", "samples", "window", "result"});
        for (VerdictLine l : v.lines()) {
            rows.add(new String[] {l.criterion(), l.measured(), Long.toString(l.samples()), l.window(),
                    l.outcome() + (l.outcome() == Outcome.PASS ? "" : " (" + l.reason() + ")")});
        }
        int[] width = new int[5];
        for (String[] r : rows) {
            for (int i = 0; i < 4; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("==== ").append(v.gate()).append(" gate on ").append(v.environment()).append(": ").append(v.outcome())
                .append(" (").append(v.subject()).append(" against ").append(v.target()).append(") ====\n");
        for (String[] r : rows) {
            out.append(String.format("%-" + width[0] + "s  %-" + width[1] + "s  %" + width[2] + "s  %-" + width[3] + "s  %s%n",
                    r[0], r[1], r[2], r[3], r[4]));
        }
        return out.toString();
    }
}
