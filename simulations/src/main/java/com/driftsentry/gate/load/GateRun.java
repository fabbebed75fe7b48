package com.driftsentry.gate.load;

import com.driftsentry.gate.abort.EarlyAbort;
import com.driftsentry.gate.abort.IntervalAbort;
import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.criteria.Judge;
import com.driftsentry.gate.environment.LoadGateConfig;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.evidence.EvidenceFile;
import com.driftsentry.gate.evidence.MemorySeries;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One gated load run, in the order it happens: the plan is read and checked, the target started,
 * every response recorded past the early abort and the target's memory read throughout, and at the end the evidence judged by the gate's
 * criteria, the reports written, the target stopped and the exit code set from the verdict.
 */
public final class GateRun {
    private final LoadPlan plan;
    private final LoadTarget target;
    private final Judge judge;
    private final LoadRecording recording;
    /** Present when this JVM is one generator of a scaled-out run. */
    private final Optional<Generator> generator;
    private Judging judging = (judge, evidence) -> judge.lines(evidence);
    private VerdictLine readyBefore;
    private Instant loadStarted = Instant.now();
    private MemorySampler memory;
    private CompletableFuture<Void> warming;

    /** Sees every recorded response (the stress simulation buckets them by load level). */
    @FunctionalInterface
    public interface Listener {
        void recorded(String group, int status, long responseTimeMs, boolean expected, long endEpochMs);
    }

    /** Turns the run's evidence into verdict lines with the gate's criteria; the default judges the whole run. */
    @FunctionalInterface
    public interface Judging {
        List<VerdictLine> lines(Judge judge, Evidence evidence);
    }

    private GateRun(LoadPlan plan, LoadTarget target, Optional<Generator.Role> role) {
        this.plan = plan;
        this.target = target;
        Optional<Evidence> baseline = plan.load().baseline().filter(Files::exists).map(EvidenceFile::read);
        this.judge = Judge.of(plan.load(), baseline);
        this.recording = role.isPresent() ? LoadRecording.generator() : new LoadRecording(new EarlyAbort(plan.load().earlyAbort(), judge));
        this.generator = role.map(r -> Generator.join(r, plan, recording));
    }

    /**
     * Reads and checks everything before any load is sent: bad input ends the JVM with one line and
     * exit 3; a target that does not turn ready ends it with a failed verdict, and no load.
     */
    public static GateRun start(String simulation, Set<String> groups) {
        GateRun run = VerdictExit.orBadInput(() -> {
            LoadPlan plan = LoadPlan.read(simulation, groups);
            Optional<Generator.Role> role = Generator.Role.fromSystem();
            if (plan.load().generators().scaledOut() && simulation.equals("StressSimulation")) {
                throw new ConfigError("gates.load.generators: StressSimulation judges the load levels one generator sees and cannot be scaled out "
                        + "(fix: -Dgate.generators=1, or scale out ApiMixSimulation, HealthSimulation, DashboardSimulation or SoakSimulation)");
            }
            return new GateRun(plan, LoadTarget.start(plan), role);
        });
        System.out.println("driftgate load: " + simulation + " on " + run.plan.environment().name() + " against " + run.baseUrl()
                + " (" + run.plan.describe() + run.generator.map(g -> "; generator " + g.role().index() + " of " + g.role().count()).orElse("") + ")");
        run.refuseUnlessReady();
        if (run.generator.isEmpty() && run.plan.load().generators().scaledOut()) {
            run.coordinate();
        }
        if (run.generator.isEmpty()) {
            // The target is idle while Gatling builds the simulation and its engine: warm it meanwhile (no load is sent yet).
            run.warming = run.target.beginWarmUp();
        }
        return run;
    }

    /** This JVM's share of the profile's arrivals: all of it, or a generator's. */
    public double share() {
        return generator.map(g -> 1.0 / g.role().count()).orElse(1.0);
    }

    /** Whether this JVM's run is judged here (a generator's is judged by its coordinator, merged with the others'). */
    public boolean judgedHere() {
        return generator.isEmpty();
    }

    /**
     * This JVM as the coordinator of a scaled-out run: the target warmed and watched as in a single run, the generators
     * run by {@link Coordinator}, their merged evidence judged by the same criteria; it ends the JVM with the verdict's
     * code before Gatling sends anything from here.
     */
    private void coordinate() {
        watchTarget();
        Coordinator.Result result;
        try {
            result = new Coordinator(plan, target, new IntervalAbort(plan.load().earlyAbort(), judge)).run();
        } catch (RuntimeException e) {
            // The generators are stopped by then (the engine closes with the coordinator); what went wrong is the verdict's.
            result = new Coordinator.Result(null, List.of(VerdictLine.of("scaled-out run").threshold("coordinated to its end").measured("stopped")
                    .samples(0, 1).window("the run").inconclusive("the run could not be coordinated: " + e.getClass().getSimpleName() + ": "
                            + String.valueOf(e.getMessage()).lines().findFirst().orElse(""))), false);
        }
        MemorySeries readings = memory.stop();
        Evidence evidence = result.evidence() == null ? recording.evidence(plan.simulation(), plan.environment().name(), null)
                : new Evidence(plan.simulation(), plan.environment().name(), result.evidence().groups(), target.cacheSinceWarmUp(),
                        result.evidence().stoppedEarly().stream().distinct().toList(), readings);
        Verdict verdict = verdict(evidence, result.whole(), result.lines());
        LoadReports.write(plan, evidence, verdict, false);
        target.close();
        VerdictExit.now(verdict.outcome());
    }

    /** Warms the target (or waits for the warming begun at the start) and starts reading its memory: the load's clock starts here. */
    private void watchTarget() {
        if (warming == null) {
            target.warmUp();
        } else {
            warming.join();
        }
        memory = new MemorySampler(new TargetMetrics(target.baseUrl()), plan.load().profile().total()).start();
        loadStarted = Instant.now();
    }

    /**
     * The run's verdict: a target that exited during the run first (it explains every error after it), ready before,
     * the criteria's lines on {@code evidence} when it is whole enough to judge, {@code more} (a scaled-out run's own), ready after.
     */
    private Verdict verdict(Evidence evidence, boolean judged, List<VerdictLine> more) {
        List<VerdictLine> lines = new ArrayList<>();
        target.exitedDuringRun(loadStarted).ifPresent(lines::add);
        lines.add(readyBefore);
        if (judged) {
            lines.addAll(judging.lines(judge, evidence));
        }
        lines.addAll(more);
        lines.add(target.health().readyAfter());
        return Verdict.of("load", plan.environment().name(), plan.simulation(), target.describe(), lines);
    }

    private void refuseUnlessReady() {
        readyBefore = target.health().readyBefore(plan.readyTimeout());
        if (readyBefore.outcome() != Outcome.PASS) {
            Verdict verdict = Verdict.of("load", plan.environment().name(), plan.simulation(), target.describe(), List.of(readyBefore));
            LoadReports.write(plan, recording.evidence(plan.simulation(), plan.environment().name(), null), verdict, false);
            target.close();
            VerdictExit.now(verdict.outcome());
        }
    }

    public String baseUrl() {
        return target.baseUrl();
    }

    public String adminKey() {
        return target.adminKey();
    }

    public String readerKey() {
        return target.readerKey();
    }

    public LoadGateConfig load() {
        return plan.load();
    }

    /** The gate's criteria: the verdict, Gatling's assertions and the stress levels all ask them. */
    public Judge judge() {
        return judge;
    }

    public RecordedCall.Sink recording() {
        return recording;
    }

    public void onRecord(Listener listener) {
        recording.onRecord(listener);
    }

    public void judgeWith(Judging how) {
        this.judging = how;
    }

    public boolean aborted() {
        return recording.aborted();
    }

    public String abortReason() {
        return recording.abortReason();
    }

    public void beforeRun() {
        if (generator.isPresent()) {
            // The coordinator warmed the target and watches it; a generator only waits for the one start.
            generator.get().awaitStart();
            loadStarted = Instant.now();
            return;
        }
        watchTarget();
    }

    /**
     * Judges, writes evidence and reports, asks the embedded target to stop, and arranges the exit code. A
     * target that exited during the run is the first line: it explains every error after it.
     */
    public Verdict finish() {
        if (generator.isPresent()) {
            Evidence evidence = recording.evidence(plan.simulation(), plan.environment().name(), null);
            generator.get().finish(evidence);
            generator.get().close();
            System.out.println("driftgate generator " + generator.get().role().index() + ": " + evidence.global().requests()
                    + " requests written for the coordinator to judge");
            VerdictExit.exitWith(Outcome.PASS);
            return Verdict.of("load", plan.environment().name(), plan.simulation(), target.describe(), List.of());
        }
        MemorySeries readings = memory == null ? MemorySeries.empty() : memory.stop();
        Evidence evidence = recording.evidence(plan.simulation(), plan.environment().name(), target.cacheSinceWarmUp()).withMemory(readings);
        Verdict verdict = verdict(evidence, true, List.of());
        LoadReports.write(plan, evidence, verdict, true);
        target.beginStop();
        VerdictExit.exitWith(verdict.outcome());
        return verdict;
    }
}
