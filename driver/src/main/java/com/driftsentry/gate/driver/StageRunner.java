package com.driftsentry.gate.driver;

import static com.driftsentry.gate.waiting.Waits.await;

import com.driftsentry.gate.driver.decision.Decision;
import com.driftsentry.gate.driver.decision.RunOutcome;
import com.driftsentry.gate.driver.decision.RunRecord;
import com.driftsentry.gate.driver.gates.AvailabilityProbe;
import com.driftsentry.gate.driver.gates.Gate;
import com.driftsentry.gate.driver.platform.DeployFailure;
import com.driftsentry.gate.driver.platform.Platform;
import com.driftsentry.gate.driver.platform.Release;
import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.environment.StagePolicy;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A stage, step by step: the platform notes what serves and deploys the candidate, the gates judge
 * it in order (health and version, smoke, contract, load, then the platform's own checks) while
 * the availability probe watches the stage's address, and the candidate is promoted, or rolled
 * back to the noted release and that verified. The commands record the result in the ledger.
 */
final class StageRunner {
    // A release that crashed during a gate may take a moment to be seen gone (a process reaped, a task marked STOPPED).
    private static final Duration LOST_GRACE = Duration.ofSeconds(2);

    private final Environment env;
    private final Platform platform;
    private final StageGates gates;
    private final Progress progress;
    private Intents intents = Intents.NONE;
    private Cancellation cancellation = Cancellation.NONE;
    private final Decision decision;
    // The gates of this command's run, settled once what follows them is done.
    private List<Gate> judged = List.of();

    StageRunner(Environment env, Platform platform, StageGates gates, Progress progress) {
        this.env = env;
        this.platform = platform;
        this.gates = gates;
        this.progress = progress;
        this.decision = new Decision(env, platform, gates::verifying, progress::step);
    }

    /** Records an intent before the platform changes anything; the command closes it once the ledger has the run. */
    StageRunner recordingIntents(Intents to) {
        this.intents = to;
        return this;
    }

    /** Asked between and after steps: the signal that cancelled the command, if one did (see {@link Interruption}). */
    StageRunner cancelledBy(Cancellation cancellation) {
        this.cancellation = cancellation;
        return this;
    }

    /** deploy: note, deploy, wait, gate, then promote or roll back (or, where nothing is kept, let the verdict be the result). */
    RunRecord deploy(Release candidate) {
        progress.step("serving", "noting the release now serving");
        Release noted = platform.serving().orElse(null);
        progress.say("serving: " + (noted == null ? "nothing" : noted) + " at " + platform.serviceUrl());
        RunRecord run = new RunRecord("deploy", env.name()).releases(noted == null ? null : noted.toString(), candidate.toString());
        StagePolicy policy = platform.policy();
        Watch watch = watch().commandStarts();
        Release deployed = candidate;
        if (policy.keepsReleases()) {
            intents.open("deploy", noted, candidate);
        }
        try {
            progress.step("deploy", "deploying candidate " + candidate);
            deployed = platform.deploy(candidate);
            progress.step("stable", "waiting until " + candidate + " is stable");
            platform.awaitStable(deployed);
            Platform.Endpoint at = platform.endpoint(deployed);
            progress.say("candidate " + candidate + " is stable at " + at);
            watch.candidateUp();
            gate(run, deployed, at);
        } catch (DeployFailure e) {
            run.add(decision.failure("deploy", candidate.toString(), "the candidate becomes stable", e.getMessage()));
        } catch (RuntimeException e) {
            // A wait cut short by the cancellation surfaces as the waiting library's own exception.
            if (cancellation.by().isEmpty()) {
                throw e;
            }
        }
        // What follows (promote, or restore) is not cut short by a signal: one that came before interrupted the gate in progress.
        cancellation.restoring();
        Thread.interrupted();
        cancellation.by().ifPresent(signal -> {
            run.interrupted(signal);
            run.add(Verdict.of("cancelled", env.name(), candidate.toString(), platform.serviceUrl(), List.of(VerdictLine.of("cancelled")
                    .threshold("the command runs to its verdict").measured(signal).samples(0, 1).window("the command")
                    .inconclusive("cancelled by " + signal + "; the candidate was not judged"))));
        });
        watch.gatesJudged(run);
        keepLogsUnlessPassed(run);
        if (!policy.keepsReleases()) {
            decision.judgedOnly(run, candidate);
            settleGates();
            return run;
        }
        Outcome outcome = run.gatesOutcome();
        if (outcome == Outcome.PASS) {
            decision.promote(run, deployed, noted);
        } else {
            decision.rollBackOrStop(run, deployed, noted, outcome);
        }
        watch.commandEnds(run);
        rest();
        settleGates();
        // A signal during the promotion or the rollback did not cut it short; the record still says it came.
        cancellation.by().ifPresent(run::interrupted);
        return run;
    }

    private Watch watch() {
        return new Watch(platform.policy(), () -> new AvailabilityProbe(platform::probeAddress, env.deploy().availability(), env.name()).start());
    }

    /** gate: the gates only, against the release serving now; nothing changes (a resting stage is woken for them, and rests after). */
    RunRecord gateServing() {
        progress.step("serving", "finding the release now serving");
        Release serving = platform.serving().orElse(null);
        RunRecord run = new RunRecord("gate", env.name()).releases(null, serving == null ? null : serving.toString());
        if (serving == null) {
            run.add(decision.failure("gate", "none", "a release serves", "nothing is serving on this stage"));
        } else {
            boolean wakes = platform.policy().rests();
            try {
                if (wakes) {
                    // Nothing runs at rest: start the serving release for the gates (recorded first, so a killed run leaves an intent).
                    intents.open("gate", serving, serving);
                    progress.step("wake", "starting " + serving + " for the gates (the stage rests between gates)");
                    platform.restore(serving, Optional.empty());
                }
                gate(run, serving, platform.endpoint(serving));
            } catch (DeployFailure e) {
                run.add(decision.failure("gate", serving.toString(), "the serving release answers", e.getMessage()));
            }
            if (wakes) {
                rest();
            }
            settleGates();
        }
        keepLogsUnlessPassed(run);
        decision.gated(run, serving);
        return run;
    }

    /** rollback: put {@code to} back and verify it (a rollback that cannot complete is exit 2 and stops there). */
    RunRecord rollback(Release current, Release to) {
        return restore("rollback", RunOutcome.ROLLED_BACK, current, to);
    }

    /** recover: what an interrupted command noted is put back and verified, as a rollback is. */
    RunRecord recover(Release current, Release noted) {
        return restore("recover", RunOutcome.RECOVERED, current, noted);
    }

    private RunRecord restore(String command, RunOutcome done, Release current, Release to) {
        RunRecord run = new RunRecord(command, env.name()).releases(current.toString(), to.toString());
        Watch watch = watch().commandStarts();
        intents.open(command, current, to);
        Optional<String> problem = decision.restore(run, to);
        watch.commandEnds(run);
        rest();
        decision.restored(run, done, to, problem);
        return run;
    }

    /** Back to no tasks where the stage rests between gates; a refusal costs money, not the verdict, and is said. */
    private void rest() {
        try {
            platform.rest();
            if (platform.policy().rests()) {
                progress.say("the stage rests at 0 tasks until the next gate (platform.gateOnly)");
            }
        } catch (DeployFailure e) {
            progress.say("WARNING: " + e.getMessage());
        }
    }

    /**
     * The gates in order; the first that does not pass stops the rollout, and a release that went away is named first.
     * While a gate that measures no time runs, the next one prepares what sends the release nothing (the browser).
     */
    private void gate(RunRecord run, Release release, Platform.Endpoint at) {
        List<Gate> all = new ArrayList<>(platform.releaseChecks(release));
        all.addAll(gates.judging(release, at));
        all.addAll(platform.promotionChecks(release));
        judged = all;
        try {
            gateInOrder(run, release, all);
        } finally {
            all.forEach(Gate::discard);
        }
    }

    private void gateInOrder(RunRecord run, Release release, List<Gate> all) {
        for (int i = 0; i < all.size(); i++) {
            Gate gate = all.get(i);
            if (cancellation.by().isPresent()) {
                return;
            }
            if (i + 1 < all.size() && !gate.timed()) {
                all.get(i + 1).prepare();
            }
            progress.step(gate.name(), "gating " + release + " (" + gate.name() + ")");
            Verdict v = gate.judge();
            Optional<String> lost = lost(release, v.outcome() != Outcome.PASS);
            lost.ifPresent(why -> run.add(decision.failure("release", release.toString(), "the release keeps running", why)));
            run.add(v);
            progress.say(gate.name() + ": " + v.outcome() + (v.outcome() == Outcome.PASS ? "" : " — " + RunRecord.firstProblem(v)));
            if (lost.isPresent() || cancellation.by().isPresent()) {
                return;
            }
            if (v.outcome() != Outcome.PASS) {
                progress.say("a failed gate stops the rollout: the gates after " + gate.name() + " do not run");
                return;
            }
        }
    }

    /** Once the stage's change is done: what the gates still write after their verdicts (Gatling's report) is whole. */
    private void settleGates() {
        judged.forEach(Gate::settle);
        judged = List.of();
    }

    /** Why the release is gone, if it is; after a gate that did not pass, it is given {@link #LOST_GRACE} to be seen gone. */
    private Optional<String> lost(Release release, boolean gateFailed) {
        AtomicReference<Optional<String>> lost = new AtomicReference<>(platform.lost(release));
        if (lost.get().isEmpty() && gateFailed) {
            try {
                await("a failing release to be seen gone").atMost(LOST_GRACE).pollInterval(Duration.ofMillis(200))
                        .until(() -> lost.updateAndGet(previous -> platform.lost(release)).isPresent());
            } catch (ConditionTimeoutException e) {
                // still there: the gate's own verdict explains the failure
            }
        }
        return lost.get();
    }

    /** Why a run failed is often only in the release's own log: its last lines go into the report, while the release still runs. */
    private void keepLogsUnlessPassed(RunRecord run) {
        if (run.gatesOutcome() != Outcome.PASS) {
            run.logs(platform.logTails());
        }
    }
}
