package com.driftsentry.gate.verdict;

import java.time.Instant;
import java.util.List;

/** A gate's judgement: every line, and the overall outcome they add up to. */
public record Verdict(String gate, String environment, String subject, String target, Instant judgedAt, List<VerdictLine> lines,
                      Outcome outcome) {

    public static Verdict of(String gate, String environment, String subject, String target, List<VerdictLine> lines) {
        return new Verdict(gate, environment, subject, target, Instant.now(), List.copyOf(lines),
                Outcome.overall(lines.stream().map(VerdictLine::outcome).toList()));
    }

    public List<VerdictLine> failing() {
        return lines.stream().filter(l -> l.outcome() == Outcome.FAIL || l.outcome() == Outcome.INCONCLUSIVE).toList();
    }
}
