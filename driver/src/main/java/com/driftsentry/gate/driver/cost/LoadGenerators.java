package com.driftsentry.gate.driver.cost;

import java.time.Duration;

/** The environment's load generators on ECS: {@code count} tasks of the task definition {@code family}, each run's load window {@code window}. */
public record LoadGenerators(String family, int count, Duration window) {
    /** Pulling the image, the JVM's start and the start barrier (whose deadline is 120 s): what a task bills beyond the load. */
    static final double START_MINUTES = 2;

    double taskMinutesPerRun() {
        return count * (window.toMillis() / 60_000.0 + START_MINUTES);
    }

    /** How {@code runs} runs a month become task-hours, as the estimate's line says it. */
    String perMonth(double runs) {
        return StackEstimator.num(runs) + " runs (usage.loadRunsPerMonth) x " + count + " tasks x " + StackEstimator.num(window.toSeconds() / 60.0)
                + " min of load + " + StackEstimator.num(START_MINUTES) + " min of start";
    }
}
