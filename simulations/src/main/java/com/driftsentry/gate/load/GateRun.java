package com.driftsentry.gate.load;

import com.driftsentry.gate.abort.EarlyAbort;
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
    private Judging judging = (judge, evidence) -> judge.lines(evidence);
    private VerdictLine readyBefore;
    private Instant loadStarted = Instant.now();
    private MemorySampler memory;

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

    private GateRun(LoadPlan plan, LoadTarget target) {
        this.plan = plan;
        this.target = target;
        Optional<Evidence> baseline = plan.load().baseline().filter(Files::exists).map(EvidenceFile::read);
        this.judge = Judge.of(plan.load(), baseline);
        this.recording = new LoadRecording(new EarlyAbort(plan.load().earlyAbort(), judge));
    }

    /**
     * Reads and checks everything before any load is sent: bad input ends the JVM with one line and
     * exit 3; a target that does not turn ready ends it with a failed verdict, and no load.
     */
    public static GateRun start(String simulation, Set<String> groups) {
        GateRun run = VerdictExit.orBadInput(() -> {
            LoadPlan plan = LoadPlan.read(simulation, groups);
            return new GateRun(plan, LoadTarget.start(plan));
        });
        System.out.println("driftgate load: " + simulation + " on " + run.plan.environment().name() + " against " + run.baseUrl()
                + " (" + run.plan.describe() + ")");
        run.refuseUnlessReady();
        return run;
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
        target.warmUp();
        memory = new MemorySampler(new TargetMetrics(target.baseUrl()), plan.load().profile().total()).start();
        loadStarted = Instant.now();
    }

    /**
     * Judges, writes evidence and reports, stops the embedded target, and arranges the exit code. A
     * target that exited during the run is the first line: it explains every error after it.
     */
    public Verdict finish() {
        MemorySeries readings = memory == null ? MemorySeries.empty() : memory.stop();
        Evidence evidence = recording.evidence(plan.simulation(), plan.environment().name(), target.cacheSinceWarmUp()).withMemory(readings);
        List<VerdictLine> lines = new ArrayList<>();
        target.exitedDuringRun(loadStarted).ifPresent(lines::add);
        lines.add(readyBefore);
        lines.addAll(judging.lines(judge, evidence));
        lines.add(target.health().readyAfter());
        Verdict verdict = Verdict.of("load", plan.environment().name(), plan.simulation(), target.describe(), lines);
        LoadReports.write(plan, evidence, verdict, true);
        target.close();
        VerdictExit.exitWith(verdict.outcome());
        return verdict;
    }
}
