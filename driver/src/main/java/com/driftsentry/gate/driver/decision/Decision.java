package com.driftsentry.gate.driver.decision;

import com.driftsentry.gate.driver.gates.Gate;
import com.driftsentry.gate.driver.platform.DeployFailure;
import com.driftsentry.gate.driver.platform.Platform;
import com.driftsentry.gate.driver.platform.Release;
import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import java.util.List;
import java.util.Optional;

/**
 * Everything a run decides once its gates have judged, in one place: promote the candidate and verify it; restore the
 * noted release and verify it (deploy's rollback, {@code rollback}, {@code recover}: one path); stop; or, where nothing
 * is kept, let the verdict be the result. Each ends the run with its {@link RunOutcome}, which carries the exit code.
 */
public final class Decision {
    /** Where a step of the command starts (the command's progress). */
    public interface Steps {
        void step(String step, String message);
    }

    /** The gate that verifies a release serves: it reports its version at the stage's address. */
    public interface Verifier {
        Gate verifying(Release release, String address);
    }

    private final Environment env;
    private final Platform platform;
    private final Verifier verifier;
    private final Steps steps;

    public Decision(Environment env, Platform platform, Verifier verifier, Steps steps) {
        this.env = env;
        this.platform = platform;
        this.verifier = verifier;
        this.steps = steps;
    }

    /** The gates passed: the candidate becomes the serving release and is verified; a promotion that does not complete rolls back. */
    public void promote(RunRecord run, Release candidate, Release noted) {
        try {
            steps.step("promote", "promoting " + candidate);
            platform.promote(candidate);
            Verdict verified = verify(candidate);
            run.add(verified);
            if (verified.outcome() == Outcome.PASS) {
                run.end(RunOutcome.PROMOTED, "every gate passed; " + candidate + " serves", candidate.toString());
                return;
            }
        } catch (DeployFailure e) {
            run.add(failure("promote", candidate.toString(), "the candidate becomes the serving release", e.getMessage()));
        }
        rollBackOrStop(run, candidate, noted, Outcome.FAIL);
    }

    /**
     * A rejected candidate: with a noted release and {@code onFailure: rollback}, restore it and verify it (exit 1, or 4
     * when the gates were inconclusive); a rollback that does not complete is exit 2 and nothing more is tried. Otherwise stop.
     */
    public void rollBackOrStop(RunRecord run, Release candidate, Release noted, Outcome judged) {
        String why = run.firstProblem();
        if (noted == null || !env.deploy().rollbackOnFailure()) {
            steps.step("stop", "not promoting " + candidate + (noted == null ? " (nothing served before)" : " (onFailure: stop)"));
            run.end(RunOutcome.judged(judged), candidate + " was not promoted: " + why, noted == null ? null : noted.toString());
            return;
        }
        steps.step("rollback", "restoring " + noted);
        restore(run, noted, Optional.of(candidate)).ifPresentOrElse(
                problem -> run.end(RunOutcome.ROLLBACK_FAILED, candidate + " was rejected (" + why + ") and the rollback to " + noted
                        + " did not complete: " + problem + "; a person must act", null),
                () -> run.end(RunOutcome.ROLLED_BACK, judged, candidate + " was rejected (" + judged + ": " + why + "); " + noted
                        + " serves, verified", noted.toString()));
    }

    /**
     * {@code rollback} and {@code recover}: {@code to} is put back and verified ({@code done} when it serves, else
     * ROLLBACK_FAILED). The probe's verdict and the stage's rest come between the restore and the end, so they are the caller's.
     */
    public Optional<String> restore(RunRecord run, Release to) {
        steps.step("restore", "restoring " + to);
        return restore(run, to, Optional.empty());
    }

    /** Ends a {@link #restore(RunRecord, Release)}: {@code problem} is what it answered. */
    public void restored(RunRecord run, RunOutcome done, Release to, Optional<String> problem) {
        problem.ifPresentOrElse(
                why -> run.end(RunOutcome.ROLLBACK_FAILED, "the rollback to " + to + " did not complete: " + why + "; a person must act", null),
                () -> run.end(done, "restored " + to + " and verified it", to.toString()));
    }

    /** The one restore-and-verify path: empty when {@code to} serves and reports its version, else why not. */
    private Optional<String> restore(RunRecord run, Release to, Optional<Release> failedCandidate) {
        try {
            platform.restore(to, failedCandidate);
        } catch (DeployFailure e) {
            return Optional.of(e.getMessage());
        }
        Verdict verified = verify(to);
        run.add(verified);
        return verified.outcome() == Outcome.PASS ? Optional.empty()
                : Optional.of(to + " does not report its version after the restore (" + RunRecord.firstProblem(verified) + ")");
    }

    /** A stage that keeps no release (compose, a PR stage): the verdict and its exit code are the result; nothing to promote or restore. */
    public void judgedOnly(RunRecord run, Release candidate) {
        Outcome outcome = run.gatesOutcome();
        steps.step("verdict", candidate + ": " + outcome + " (no release is kept on " + env.name() + ": each run is a fresh stack)");
        run.end(RunOutcome.judged(outcome), outcome == Outcome.PASS
                ? "every gate passed; " + candidate + " may go on to the next stage (a PR stage keeps no release: each run is a fresh stack)"
                : candidate + " did not pass: " + run.firstProblem() + " (a PR stage has no release to roll back to: each run is a fresh stack)",
                null);
    }

    /** {@code gate}: the gates' verdict on what serves is the result; nothing changes. */
    public void gated(RunRecord run, Release serving) {
        Outcome outcome = run.gatesOutcome();
        run.end(RunOutcome.judged(outcome), outcome == Outcome.PASS ? "every gate passed against " + serving
                : "the gates did not pass: " + run.firstProblem(), serving == null ? null : serving.toString());
    }

    /** Verified through the address users use (the router, the load balancer, or a running task when there is neither). */
    public Verdict verify(Release release) {
        String at = platform.probeAddress();
        steps.step("verify", "verifying " + release + " at " + at);
        return verifier.verifying(release, at == null ? platform.serviceUrl() : at).judge();
    }

    /** A step of the command itself that failed: the platform could not do it, or the release went away. */
    public Verdict failure(String step, String subject, String threshold, String reason) {
        return Verdict.of(step, env.name(), subject, platform.serviceUrl(), List.of(VerdictLine.of(step).threshold(threshold).measured("no")
                .samples(0, 1).window("the command").fail(reason)));
    }
}
