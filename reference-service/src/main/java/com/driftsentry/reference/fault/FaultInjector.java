package com.driftsentry.reference.fault;

import com.driftsentry.reference.http.ApiProblem;
import io.javalin.http.Context;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the latency and error switches to the routes they name; the crash switch is armed at start. */
public final class FaultInjector {
    private static final Logger log = LoggerFactory.getLogger(FaultInjector.class);

    private final FaultConfig faults;

    public FaultInjector(FaultConfig faults) {
        this.faults = faults;
    }

    public void apply(Context ctx) throws InterruptedException {
        if (!faults.appliesTo(ctx.path())) {
            return;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (faults.latencyMs() > 0 && random.nextDouble() < faults.latencyRatio()) {
            Thread.sleep(faults.latencyMs());
        }
        if (faults.errorRate() > 0 && random.nextDouble() < faults.errorRate()) {
            throw new ApiProblem(500, "Internal Server Error", "Injected fault (DRIFTSENTRY_FAULT_ERROR_RATE)");
        }
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
