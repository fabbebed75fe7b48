package com.driftsentry.gate.load;

import com.driftsentry.gate.criteria.Knee;
import com.driftsentry.gate.evidence.EvidenceRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Buckets a stress run's responses by load level (level k runs at k × step users/s for one level
 * duration, a response belongs to the level its request started in) and hands the levels to
 * {@link Knee}, which judges them with the gate's own criteria.
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
        double peak = gate.load().profile().rampToPerSecond();
        gate.judgeWith((judge, whole) -> {
            List<Knee.Level> levels = new ArrayList<>();
            for (int k = 0; byLevel.containsKey(k); k++) {
                levels.add(new Knee.Level(this.step * (k + 1), byLevel.get(k).snapshot(whole.simulation(), whole.environment(), null)));
            }
            return Knee.judge(judge, peak, levels, whole.global().requests());
        });
    }

    public double step() {
        return step;
    }
}
