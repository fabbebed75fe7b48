package com.driftsentry.reference.fault;

import com.driftsentry.reference.http.ApiProblem;
import io.javalin.http.Context;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the latency, error and leak switches to the routes they name; the crash switch is armed at
 * start. The fractions are exact and evenly spread rather than random (error diffusion over a
 * request counter): a ratio of 0.02 hits exactly 2 of every 100 matching requests, so a gate's
 * reaction to a given fault is reproducible from run to run.
 */
public final class FaultInjector {
    private static final Logger log = LoggerFactory.getLogger(FaultInjector.class);

    private final FaultConfig faults;
    private final AtomicLong latencyCount = new AtomicLong();
    private final AtomicLong errorCount = new AtomicLong();
    // Never read, never cleared: what a cache without eviction or a listener never removed does to a heap.
    private final Queue<byte[]> leaked = new ConcurrentLinkedQueue<>();

    public FaultInjector(FaultConfig faults) {
        this.faults = faults;
    }

    public void apply(Context ctx) throws InterruptedException {
        if (!faults.appliesTo(ctx.path())) {
            return;
        }
        if (faults.leakKilobytes() > 0) {
            leaked.add(new byte[faults.leakKilobytes() * 1024]);
        }
        if (faults.latencyMs() > 0 && hits(latencyCount, faults.latencyRatio())) {
            Thread.sleep(faults.latencyMs());
        }
        if (faults.errorRate() > 0 && hits(errorCount, faults.errorRate())) {
            throw new ApiProblem(500, "Internal Server Error", "Injected fault (DRIFTSENTRY_FAULT_ERROR_RATE)");
        }
    }

    /** True for the n-th request when floor(n × ratio) steps up: exactly ratio of all requests, evenly spaced. */
    static boolean hits(AtomicLong counter, double ratio) {
        long n = counter.incrementAndGet();
        return (long) Math.floor(n * ratio) > (long) Math.floor((n - 1) * ratio);
    }

    /** Exits the whole process with status 70 after the configured delay, as a crashing build would. */
    public void armCrash() {
        if (faults.crashAfterSeconds() <= 0) {
            return;
        }
        Thread crash = new Thread(() -> {
            try {
                Thread.sleep(faults.crashAfterSeconds() * 1000L);
                log.error("crashing on purpose: DRIFTSENTRY_FAULT_CRASH_AFTER_S={}", faults.crashAfterSeconds());
                System.exit(70);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "fault-crash");
        crash.setDaemon(true);
        crash.start();
    }
}
