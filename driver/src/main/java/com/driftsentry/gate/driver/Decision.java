package com.driftsentry.gate.driver;

import com.driftsentry.gate.driver.platform.DeployFailure;
import com.driftsentry.gate.driver.platform.Platform;
import com.driftsentry.gate.driver.platform.Release;
import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.verdict.ExitCode;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import java.util.Optional;

/**
 * What a deploy does once its gates have judged: promote the candidate and verify it, or restore the
 * noted release and verify that (onFailure: rollback), or stop; each ends the run with its outcome.
 */
final class Decision {
    /** How a step of the command that could not be done becomes a verdict (StageRunner's). */
    interface Failure {
        Verdict of(String step, String subject, String threshold, String reason);
    }

    private final Environment env;
    private final Platform platform;
    private final StageGates gates;
    private final Progress progress;
    private final Failure failure;

    Decision(Environment env, Platform platform, StageGates gates, Progress progress, Failure failure) {
        this.env = env;
        this.platform = platform;
        this.gates = gates;
        this.progress = progress;
        this.failure = failure;
    }

    void promote(RunRecord run, Release candidate, Release noted) {
        try {
            progress.step("promote", "promoting " + candidate);
            platform.promote(candidate);
            Verdict verified = verify(candidate);
            run.add(verified);
            if (verified.outcome() == Outcome.PASS) {
                run.end("PROMOTED", "every gate passed; " + candidate + " serves", ExitCode.PASSED, candidate.toString());
                return;
            }
        } catch (DeployFailure e) {
            run.add(failure.of("promote", candidate.toString(), "the candidate becomes the serving release", e.getMessage()));
        }
        rollBackOrStop(run, candidate, noted, Outcome.FAIL);
    }

    /**
     * The rollback decision for a rejected candidate: with a noted release and {@code onFailure:
     * rollback}, restore it and verify it (exit 1, or 4 when the gates were inconclusive); a
     * rollback that does not complete is exit 2 and nothing more is tried. Otherwise stop.
     */
    void rollBackOrStop(RunRecord run, Release candidate, Release noted, Outcome outcome) {
        String why = run.firstProblem();
        ExitCode code = ExitCode.of(outcome);
        if (noted == null || !env.deploy().rollbackOnFailure()) {
            progress.step("stop", "not promoting " + candidate + (noted == null ? " (nothing served before)" : " (onFailure: stop)"));
            run.end(outcome.name(), candidate + " was not promoted: " + why, code, noted == null ? null : noted.toString());
            return;
        }
        try {
            progress.step("rollback", "restoring " + noted);
            platform.restore(noted, Optional.of(candidate));
            Verdict verified = verify(noted);
            run.add(verified);
            if (verified.outcome() != Outcome.PASS) {
                throw new DeployFailure(noted + " does not report its version after the rollback");
            }
            run.end("ROLLED_BACK", candidate + " was rejected (" + outcome + ": " + why + "); " + noted + " serves, verified", code, noted.toString());
        } catch (DeployFailure e) {
            run.end("ROLLBACK_FAILED", candidate + " was rejected (" + why + ") and the rollback to " + noted + " did not complete: "
                    + e.getMessage() + "; a person must act", ExitCode.ROLLBACK_FAILED, null);
        }
    }

    Verdict verify(Release release) {
        // Through the address users use (the router, the load balancer, or a running task when there is neither).
        String at = platform.probeAddress();
        progress.step("verify", "verifying " + release + " at " + at);
        return gates.verifying(release, at == null ? platform.serviceUrl() : at).judge();
    }
}
