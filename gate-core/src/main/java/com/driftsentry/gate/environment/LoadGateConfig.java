package com.driftsentry.gate.environment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The load gate of an environment: which simulation, how much load, and the thresholds that judge
 * it. {@code baseline}: the evidence a {@code maxRegression} bound compares with;
 * {@code notJudgedWithoutBaseline}: with none yet (a stage's first promotion), such a line is NOT
 * JUDGED instead of INCONCLUSIVE ({@code baseline: { whenMissing: notJudged }}).
 */
public record LoadGateConfig(String simulation, Profile profile, long minRequests, List<Threshold> thresholds,
                             EarlyAbortConfig earlyAbort, Optional<Path> baseline, String file, boolean notJudgedWithoutBaseline,
                             Generators generators) {

    /** A missing baseline makes a regression line INCONCLUSIVE. */
    public LoadGateConfig(String simulation, Profile profile, long minRequests, List<Threshold> thresholds, EarlyAbortConfig earlyAbort,
                          Optional<Path> baseline, String file) {
        this(simulation, profile, minRequests, thresholds, earlyAbort, baseline, file, false, Generators.ONE);
    }

    public LoadGateConfig(String simulation, Profile profile, long minRequests, List<Threshold> thresholds, EarlyAbortConfig earlyAbort,
                          Optional<Path> baseline, String file, boolean notJudgedWithoutBaseline) {
        this(simulation, profile, minRequests, thresholds, earlyAbort, baseline, file, notJudgedWithoutBaseline, Generators.ONE);
    }

    /**
     * {@code gates.load.generators}: how many load generators run the simulation, each at {@code 1/count} of the profile's rate,
     * judged once on their merged evidence; {@code engine}: where they run ({@code local} processes, or {@code ecs} tasks of
     * {@code taskDefinition} on the stage's cluster, in its service's network).
     */
    public record Generators(int count, String engine, Optional<String> taskDefinition) {
        public static final Generators ONE = new Generators(1, "local", Optional.empty());
        public static final int MAX = 64;

        /** The generators are tasks on the stage's ECS cluster. */
        public boolean onEcs() {
            return engine.equals("ecs");
        }

        /** More than one generator: the run is coordinated through the stage's store. */
        public boolean scaledOut() {
            return count > 1;
        }

        /** One generator's share of the profile's arrival rate. */
        public double share() {
            return 1.0 / count;
        }
    }

    /** Open-model arrivals: ramp from 1 user/s to {@code rampToPerSecond} over {@code over}, then hold that rate. */
    public record Profile(double rampToPerSecond, Duration over, Duration hold) {
        public Duration total() {
            return over.plus(hold);
        }
    }

    /**
     * Stop early when, over the last {@code window} requests, errors or slow requests pass these
     * fractions (what counts as slow, and which single failure decides the run, the criteria say).
     */
    public record EarlyAbortConfig(int window, double errorRate, double slowRatio) {
    }

    /** Fails with the threshold's file and field when it names a scope the simulation does not have. */
    public void requireScopes(Set<String> groups, String simulationName) {
        for (Threshold t : thresholds) {
            if (!"global".equals(t.scope()) && !groups.contains(t.scope())) {
                throw ConfigError.at(file, t.field() + ".scope", "'" + t.scope() + "' is not a request group of " + simulationName
                        + " (expected global or one of " + groups.stream().sorted().collect(Collectors.joining(", ")) + ")");
            }
        }
    }

    /** The simulation whose runs judge {@code memoryGrowth}: a deploy's few minutes of load cannot tell a leak from a warm-up. */
    public static final String SOAK = "SoakSimulation";

    /**
     * The thresholds a run of {@code simulation} judges: a {@code memoryGrowth} bound only in a
     * soak run. The others are returned in {@code dropped}, so the run can say which bounds it did not judge.
     */
    public LoadGateConfig judgedIn(String simulation, List<Threshold> dropped) {
        return keeping(t -> t.metric() != Metric.MEMORY_GROWTH || SOAK.equals(simulation), dropped);
    }

    /**
     * The thresholds that apply to a simulation the environment was not written for (chosen with
     * {@code -Dgate.simulation}): those on its groups or global. The others are returned in
     * {@code dropped} so the run can say which bounds it did not judge.
     */
    public LoadGateConfig applicableTo(Set<String> groups, List<Threshold> dropped) {
        return keeping(t -> "global".equals(t.scope()) || groups.contains(t.scope()), dropped);
    }

    private LoadGateConfig keeping(Predicate<Threshold> judged, List<Threshold> dropped) {
        List<Threshold> kept = thresholds.stream().filter(judged).toList();
        thresholds.stream().filter(judged.negate()).forEach(dropped::add);
        return new LoadGateConfig(simulation, profile, minRequests, kept, earlyAbort, baseline, file, notJudgedWithoutBaseline, generators);
    }
}
