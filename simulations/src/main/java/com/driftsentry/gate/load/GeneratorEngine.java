package com.driftsentry.gate.load;

import java.time.Duration;
import java.util.Optional;

/**
 * Where a scaled-out run's generators run ({@code gates.load.generators.engine}): each one is the same simulation told its
 * index, the run id and the target, and reports through the stage's store, whatever runs it. One small interface per
 * kind of engine: {@link LocalEngine} (processes here) and {@link EcsEngine} (Fargate tasks on the stage's cluster).
 */
interface GeneratorEngine extends AutoCloseable {
    /** How generator i ended on its own, once it has ("exited with 1 (its log)", "task … stopped: …"); empty while it runs. */
    Optional<String> gone(int i);

    /** Waits for every generator to end on its own, at most {@code within}; false if one has not. */
    boolean awaitAll(Duration within);

    /** Stops every generator still running; never throws (a failure to stop one is said on the console). */
    @Override
    void close();
}
