package com.driftsentry.gate.criteria;

import com.driftsentry.gate.environment.Threshold;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.evidence.MemorySeries.Kind;
import com.driftsentry.gate.growth.MemoryGrowth;
import com.driftsentry.gate.verdict.VerdictLine;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The target's heap and resident memory grew no faster than the bound per hour during the run
 * ({@link MemoryGrowth}). FAIL when the whole 95% interval of a growth lies above the bound, PASS
 * when the whole interval of both lies at or under it, and otherwise INCONCLUSIVE: the run was too
 * short (or memory too noisy) to tell, and a longer soak will.
 */
record MemoryGrowthCriterion(Threshold threshold) implements Criterion {
    @Override
    public VerdictLine judge(Evidence evidence) {
        List<MemoryGrowth> growths = Arrays.stream(Kind.values()).map(k -> MemoryGrowth.of(evidence.memory(), k))
                .flatMap(Optional::stream).toList();
        if (growths.isEmpty()) {
            return Lines.start(threshold, "unknown", 0, "run").inconclusive("the target's /metrics gave no memory figures during the run"
                    + " (process_resident_memory_bytes, jvm_memory_used_bytes{area=\"heap\"})");
        }
        MemoryGrowth first = growths.get(0);
        int samples = growths.stream().mapToInt(MemoryGrowth::samples).min().orElse(0);
        String window = String.format(Locale.ROOT, "%.1fs after %.1fs of warm-up", first.judged().toMillis() / 1000.0,
                first.warmUp().toMillis() / 1000.0);
        VerdictLine.Builder line = Lines.start(threshold, growths.stream().map(MemoryGrowthCriterion::describe)
                .collect(Collectors.joining("; ")), samples, window);
        if (!line.enoughSamples()) {
            return line.tooFewSamples();
        }
        double bound = threshold.value();
        Optional<MemoryGrowth> over = growths.stream().filter(g -> g.measurable() && g.perHour().lower() > bound).findFirst();
        if (over.isPresent()) {
            return line.fail(over.get().kind().label() + " grows by at least " + perHour(over.get().perHour().lower())
                    + " (95% interval), over " + threshold.written());
        }
        Optional<MemoryGrowth> unsure = growths.stream().filter(g -> !g.measurable() || g.perHour().upper() > bound).findFirst();
        if (unsure.isPresent()) {
            MemoryGrowth g = unsure.get();
            return line.inconclusive("too short to tell: " + g.kind().label() + " may grow by up to "
                    + (g.measurable() ? perHour(g.perHour().upper()) : "an unknown amount") + ", and the bound is "
                    + threshold.written() + " (fix: a longer hold)");
        }
        return line.pass("within bound: at most " + perHour(growths.stream().mapToDouble(g -> g.perHour().upper()).max().orElse(0))
                + " (95% interval)");
    }

    private static String describe(MemoryGrowth g) {
        if (!g.measurable()) {
            return g.kind().label() + " " + perHour(g.perHour().slope()) + " (too few readings for an interval)";
        }
        return g.kind().label() + " " + perHour(g.perHour().slope()) + " (95%: " + bytes(g.perHour().lower()) + " to "
                + perHour(g.perHour().upper()) + ")";
    }

    private static String perHour(double bytesPerHour) {
        return bytes(bytesPerHour) + "/h";
    }

    /** Binary units, as the environment file's bound is read: 1 MB = 1024 KB. */
    private static String bytes(double value) {
        double abs = Math.abs(value);
        String sign = value < 0 ? "-" : "+";
        if (abs >= 1L << 30) {
            return String.format(Locale.ROOT, "%s%.2f GB", sign, abs / (1L << 30));
        }
        if (abs >= 1L << 20) {
            return String.format(Locale.ROOT, "%s%.1f MB", sign, abs / (1L << 20));
        }
        return String.format(Locale.ROOT, "%s%.0f KB", sign, abs / 1024);
    }
}
