package com.driftsentry.gate.load;

import com.driftsentry.gate.evidence.MemorySeries;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads the target's memory from its {@code /metrics} at a steady pace while the load runs, for
 * the {@code memoryGrowth} criterion and the nightly report. About 400 readings per run (every
 * 250 ms at the least, every 30 s at the most): enough for the slope's windows, few enough for an
 * eight-hour soak's evidence file. A reading that fails is skipped; the criterion says when too
 * few remain.
 */
final class MemorySampler {
    static final Duration FASTEST = Duration.ofMillis(250);
    static final Duration SLOWEST = Duration.ofSeconds(30);
    private static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(5);

    private final TargetMetrics metrics;
    private final Duration every;
    private final List<MemorySeries.Sample> samples = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "memory-sampler");
        t.setDaemon(true);
        return t;
    });

    MemorySampler(TargetMetrics metrics, Duration plannedRun) {
        this.metrics = metrics;
        this.every = pace(plannedRun);
    }

    static Duration pace(Duration plannedRun) {
        Duration even = plannedRun.dividedBy(400);
        return even.compareTo(FASTEST) < 0 ? FASTEST : even.compareTo(SLOWEST) > 0 ? SLOWEST : even;
    }

    MemorySampler start() {
        // A slow answer delays the next reading (a fixed-rate task never overlaps itself) rather than losing it.
        timer.scheduleAtFixedRate(() -> metrics.memory(SCRAPE_TIMEOUT).ifPresent(samples::add), 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Stops reading; the readings so far, in time order. */
    MemorySeries stop() {
        timer.shutdownNow();
        return new MemorySeries(samples);
    }
}
