package com.driftsentry.gate.load;

import com.driftsentry.gate.target.Health;
import com.driftsentry.gate.verdict.VerdictLine;
import com.driftsentry.reference.embedded.EmbeddedTarget;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * The target's own health around a load run, as verdict lines: ready ({@code /health/ready} 200)
 * before any load is sent and still ready after it, and, for a target this run started, whether
 * its process exited on its own during the run (a crash reads as an error rate otherwise).
 */
final class TargetHealth {
    /** The line that says what the target answered before the load (its release among it: ServedRelease). */
    static final String READY_BEFORE = "target ready before the load";

    // A release that is up turns ready within seconds of reaching its stores; half a minute covers a cold pool.
    // -Dgate.readyTimeout changes it (LoadPlan).
    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final String baseUrl;

    TargetHealth(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Waits until the target is ready; the line says what it answered. FAIL when it never turned ready. */
    VerdictLine readyBefore(Duration timeout) {
        long started = System.nanoTime();
        Health.Ready last = Health.untilReady(baseUrl, timeout, () -> false);
        return line(READY_BEFORE, last, String.format(Locale.ROOT, "%.1f s before the load", (System.nanoTime() - started) / 1e9))
                .judged(last.ready(), "ready", "not ready within " + timeout.toSeconds() + " s, so no load was sent (last " + Health.READY
                        + ": " + last.said() + ")");
    }

    /** One look after the load: a target that cannot serve after the run did not hold it. */
    VerdictLine readyAfter() {
        Health.Ready now = Health.ready(baseUrl);
        return line("target ready after the load", now, "after the load")
                .judged(now.ready(), "still ready", "not ready after the load (" + Health.READY + ": " + now.said() + ")");
    }

    /** A target this run started that exited on its own while it was being loaded. */
    static Optional<VerdictLine> exitedDuringRun(EmbeddedTarget target, Instant loadStarted) {
        return target.exit().map(exit -> VerdictLine.of("target kept running").threshold("the target process runs until the run ends")
                .measured(String.format(Locale.ROOT, "exited with %d at %sZ, %.1f s into the load", exit.code(), CLOCK.format(exit.at()),
                        Duration.between(loadStarted, exit.at()).toMillis() / 1000.0))
                .samples(1, 1).window("the run")
                .fail("the target process exited with " + exit.code() + " during the run: the errors after that are its absence"));
    }

    private static VerdictLine.Builder line(String criterion, Health.Ready answer, String window) {
        return VerdictLine.of(criterion).threshold(Health.READY + " answers 200").measured(answer.said()).samples(1, 1).window(window);
    }
}
