package com.driftsentry.gate.criteria;

import com.driftsentry.gate.environment.Threshold;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.Bound;
import com.driftsentry.gate.verdict.VerdictLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stress run's judgement: each load level is judged by the gate's own global upper bounds (the
 * same criterion objects as the whole run), the knee is the highest rate before the first level
 * that did not pass, and the run passes when the knee reaches the environment's peak. Levels up to
 * the peak are requirements and keep their outcome; a level above the peak that breaks is where
 * the knee is, which is what the run is for, so it is shown as the knee, not as a failure.
 */
public final class Knee {
    /** One level: its arrival rate and the evidence of the requests that started in it. */
    public record Level(double rate, Evidence evidence) {
    }

    /** The line that names the knee; {@link #rateIn} reads it back for the nightly history. */
    public static final String CRITERION = "highest passing rate >= peak";
    private static final Pattern RATE = Pattern.compile("(?:knee at|no break up to) (\\d+) users/s.*");

    private Knee() {
    }

    /** The knee a stress verdict reports (users/s: the highest level that passed), if it is one. */
    public static Optional<Double> rateIn(Verdict verdict) {
        return verdict.lines().stream().filter(l -> CRITERION.equals(l.criterion())).findFirst()
                .map(l -> RATE.matcher(l.measured())).filter(Matcher::matches).map(m -> Double.parseDouble(m.group(1)));
    }

    public static List<VerdictLine> judge(Judge judge, double peak, List<Level> levels, long requests) {
        List<Criterion> perLevel = judge.criteria().stream()
                .filter(c -> "global".equals(c.threshold().scope()) && c.threshold().bound() == Threshold.Bound.MAX).toList();
        List<VerdictLine> lines = new ArrayList<>();
        double knee = 0;
        boolean broken = false;
        for (int k = 0; k < levels.size(); k++) {
            Level level = levels.get(k);
            String name = String.format(Locale.ROOT, "level %d (%.0f users/s): ", k + 1, level.rate());
            boolean passed = true;
            for (Criterion c : perLevel) {
                VerdictLine line = c.judge(level.evidence()).renamed(name + c.threshold().describe());
                passed &= line.outcome() == Outcome.PASS || line.outcome() == Outcome.NOT_JUDGED;
                lines.add(level.rate() > peak && line.outcome() == Outcome.FAIL ? aboveThePeak(line, peak) : line);
            }
            broken |= !passed;
            if (!broken) {
                knee = level.rate();
            }
        }
        String measured = broken ? String.format(Locale.ROOT, "knee at %.0f users/s", knee)
                : String.format(Locale.ROOT, "no break up to %.0f users/s (add levels to find the knee)", knee);
        lines.add(VerdictLine.of(CRITERION).threshold(String.format(Locale.ROOT, "%.0f users/s", peak))
                .measured(measured).samples(requests, 0).window("run")
                .judged(Bound.atLeast(peak), knee, "the service holds the configured peak", "the service broke below the configured peak"));
        return lines;
    }

    private static VerdictLine aboveThePeak(VerdictLine line, double peak) {
        return new VerdictLine(line.criterion(), line.threshold(), line.measured(), line.samples(), line.minSamples(), line.window(),
                Outcome.PASS, String.format(Locale.ROOT, "broke here, above the %.0f users/s peak (the knee, not a failure): %s", peak, line.reason()));
    }
}
