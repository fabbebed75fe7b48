package com.driftsentry.gate.history;

import com.driftsentry.gate.evidence.MemorySeries;
import com.driftsentry.gate.evidence.MemorySeries.Kind;
import com.driftsentry.gate.growth.MemoryGrowth;
import java.util.List;

/**
 * The report's charts of what the stage can hold rather than how fast it answers: the stress
 * runs' knee, and the target's memory in every run that read it (the soaks' growth first of all).
 * Each over its own runs, named in the chart, since the stress and soak runs are not the gated ones.
 */
final class CapacitySection {
    private static final double MB = 1 << 20;

    private CapacitySection() {
    }

    static String html(List<ChangeRule.Run> runs) {
        StringBuilder h = new StringBuilder();
        List<ChangeRule.Run> stress = runs.stream().filter(r -> r.knee() != null).toList();
        if (!stress.isEmpty()) {
            h.append("<h2>Stress: the knee</h2><p>").append(stress.size()).append(" stress run(s), ").append(span(stress))
                    .append(". The knee is the highest load level every global bound still passed.</p>");
            h.append(Chart.svg("knee", "users/s", new String[] {"knee"}, new double[][] {stress.stream().mapToDouble(ChangeRule.Run::knee).toArray()},
                    Chart.Runs.of(stress), Chart.Marks.NONE));
        }
        List<ChangeRule.Run> read = runs.stream().filter(r -> !r.evidence().memory().isEmpty()).toList();
        if (!read.isEmpty()) {
            h.append("<h2>The target's memory</h2><p>").append(read.size()).append(" run(s) that read it, ").append(span(read))
                    .append(". Growth is the robust slope of each run's floors after its warm-up (docs/gates.md, \"Memory growth\"); "
                            + "a run too short for an interval shows none.</p>");
            h.append("<div class=\"row\">").append(Chart.svg("memory at the end of the run", "MB", new String[] {"heap", "resident"},
                    new double[][] {last(read, Kind.HEAP), last(read, Kind.RESIDENT)}, Chart.Runs.of(read), Chart.Marks.NONE));
            h.append(Chart.svg("memory growth", "MB/h", new String[] {"heap", "resident"},
                    new double[][] {growth(read, Kind.HEAP), growth(read, Kind.RESIDENT)}, Chart.Runs.of(read), Chart.Marks.NONE)).append("</div>");
        }
        return h.toString();
    }

    private static String span(List<ChangeRule.Run> runs) {
        return runs.size() == 1 ? TrendReport.esc(runs.get(0).id()) : TrendReport.esc(runs.get(0).id() + " to " + runs.get(runs.size() - 1).id());
    }

    private static double[] last(List<ChangeRule.Run> runs, Kind kind) {
        return runs.stream().mapToDouble(r -> {
            long bytes = r.evidence().memory().last(kind);
            return bytes < 0 ? Double.NaN : bytes / MB;
        }).toArray();
    }

    private static double[] growth(List<ChangeRule.Run> runs, Kind kind) {
        return runs.stream().mapToDouble(r -> {
            MemorySeries memory = r.evidence().memory();
            return MemoryGrowth.of(memory, kind).filter(MemoryGrowth::measurable).map(g -> g.perHour().slope() / MB).orElse(Double.NaN);
        }).toArray();
    }
}
