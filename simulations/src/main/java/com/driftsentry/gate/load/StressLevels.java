package com.driftsentry.gate.load;

import com.driftsentry.gate.criteria.Judge;
import com.driftsentry.gate.environment.LoadGateConfig;
import com.driftsentry.gate.environment.Threshold;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.evidence.EvidenceRecorder;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.VerdictLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Buckets a stress run's responses by load level (level k runs at k × step users/s for one level
 * duration) and judges each level on the environment's global thresholds. The knee is the highest
 * level whose every line passed; the run passes when the knee reaches the environment's peak rate.
 */
public final class StressLevels {
    private final double step;
    private final long levelMillis;
    private final Map<Integer, EvidenceRecorder> byLevel = new ConcurrentHashMap<>();
    private volatile long startedAt;

    public StressLevels(GateRun gate, double step, Duration level) {
        this.step = Math.max(1, Math.round(step));
        this.levelMillis = level.toMillis();
        gate.onRecord((group, status, rt, expected, end) -> {
            if (startedAt == 0) {
                synchronized (this) {
                    if (startedAt == 0) {
                        startedAt = end - rt;
                    }
                }
            }
            int k = (int) Math.max(0, (end - rt - startedAt) / levelMillis);
            byLevel.computeIfAbsent(k, x -> new EvidenceRecorder()).record(group, status, rt, expected, end);
        });
        gate.judgeWith(this::judge);
    }

    public double step() {
        return step;
    }

    List<VerdictLine> judge(LoadGateConfig load, Evidence whole, Optional<Evidence> baseline) {
        List<Threshold> global = load.thresholds().stream()
                .filter(t -> "global".equals(t.scope()) && t.bound() == Threshold.Bound.MAX).toList();
        LoadGateConfig perLevel = new LoadGateConfig(load.simulation(), load.profile(), 0, global, load.earlyAbort(), Optional.empty(), load.file());
        List<VerdictLine> lines = new ArrayList<>();
        double knee = 0;
        boolean broken = false;
        for (int k = 0; byLevel.containsKey(k); k++) {
            double rate = step * (k + 1);
            Evidence e = byLevel.get(k).snapshot(whole.simulation(), whole.environment(), null);
            List<VerdictLine> judged = Judge.judge(whole.environment(), "", perLevel, e, Optional.empty()).lines();
            boolean passed = judged.stream().allMatch(l -> l.outcome() == Outcome.PASS);
            for (VerdictLine l : judged) {
                lines.add(new VerdictLine(String.format(Locale.ROOT, "level %d (%.0f users/s): %s", k + 1, rate, l.criterion()),
                        l.threshold(), l.measured(), l.samples(), l.minSamples(), l.window(),
                        // A level above the knee is information, not a failure of the build.
                        l.outcome() == Outcome.FAIL ? Outcome.PASS : l.outcome(), l.outcome() == Outcome.FAIL ? "broke here: " + l.reason() : l.reason()));
            }
            if (passed && !broken) {
                knee = rate;
            } else {
                broken = true;
            }
        }
        double peak = load.profile().rampToPerSecond();
        String measured = broken ? String.format(Locale.ROOT, "knee at %.0f users/s", knee)
                : String.format(Locale.ROOT, "no break up to %.0f users/s (add levels to find the knee)", knee);
        lines.add(new VerdictLine("highest passing rate >= peak", String.format(Locale.ROOT, "%.0f users/s", peak), measured,
                whole.global().requests(), 0, "run", knee >= peak ? Outcome.PASS : Outcome.FAIL,
                knee >= peak ? "the service holds the configured peak" : "the service broke below the configured peak"));
        return lines;
    }
}
