package com.driftsentry.gate.driver;

import com.driftsentry.gate.driver.decision.RunRecord;
import com.driftsentry.gate.driver.gates.AvailabilityProbe;
import com.driftsentry.gate.environment.StagePolicy;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import java.util.function.Supplier;

/**
 * The availability probe, placed where the platform's {@link StagePolicy} says users are: a stage that serves users is
 * watched from the command's start to its end (the switch and any rollback included, and a drop seen during the gates
 * stops the rollout); a stage that serves nobody during a rollout has its candidate watched from the moment it is up
 * until the gates have judged it.
 */
final class Watch {
    private final StagePolicy policy;
    private final Supplier<AvailabilityProbe> probe;
    private AvailabilityProbe running;

    Watch(StagePolicy policy, Supplier<AvailabilityProbe> probe) {
        this.policy = policy;
        this.probe = probe;
    }

    /** Before anything changes. */
    Watch commandStarts() {
        if (!policy.watchesCandidate()) {
            running = probe.get();
        }
        return this;
    }

    /** The candidate (or the release woken for the gates) is up. */
    void candidateUp() {
        if (policy.watchesCandidate() && running == null) {
            running = probe.get();
        }
    }

    /** The gates have judged: the candidate's watch ends with its verdict; the users' so far counts only when it did not pass. */
    void gatesJudged(RunRecord run) {
        if (running == null) {
            return;
        }
        if (policy.watchesCandidate()) {
            end(run);
            return;
        }
        Verdict sofar = running.snapshot();
        if (sofar.outcome() != Outcome.PASS) {
            run.add(sofar);
        }
    }

    /** The command ends: what users saw through all of it. */
    void commandEnds(RunRecord run) {
        end(run);
    }

    private void end(RunRecord run) {
        if (running != null) {
            run.add(running.verdict());
            running = null;
        }
    }
}
