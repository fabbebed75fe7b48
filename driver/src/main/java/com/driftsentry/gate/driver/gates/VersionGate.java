package com.driftsentry.gate.driver.gates;

import static com.driftsentry.gate.waiting.Waits.await;

import com.driftsentry.gate.target.Health;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Health and version: a release counts as serving only when its health endpoint reports its
 * version on N consecutive probes (a load balancer still sending some traffic to the old tasks,
 * or a release that flaps, does not pass on one lucky answer).
 */
public record VersionGate(String environment, String baseUrl, String version, int consecutive, Duration timeout) implements Gate {
    // Four probes a second: a switch is seen within a quarter second without loading the release.
    private static final Duration EVERY = Duration.ofMillis(250);

    @Override
    public String name() {
        return "health";
    }

    @Override
    public Verdict judge() {
        long started = System.nanoTime();
        AtomicInteger streak = new AtomicInteger();
        AtomicInteger probes = new AtomicInteger();
        AtomicReference<String> last = new AtomicReference<>("no answer");
        // The first probe is answered (or fails by its own timeouts) before the deadline counts, so the verdict
        // always rests on what the release said: a deadline that comes early on a loaded machine cannot hide it.
        if (!probeOnce(probes, streak, last)) {
            try {
                await("/health/live to report " + version).atMost(timeout).pollDelay(EVERY).pollInterval(EVERY)
                        .until(() -> probeOnce(probes, streak, last));
            } catch (ConditionTimeoutException e) {
                // judged below from the streak: the line says how far it got
            }
        }
        boolean ok = streak.get() >= consecutive;
        VerdictLine line = VerdictLine.of("health and version").threshold(consecutive + " consecutive /health/live report version " + version)
                .measured(streak.get() + " consecutive, last: " + last.get()).samples(probes.get(), consecutive)
                .window(String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - started) / 1e9))
                .judged(ok, "serving " + version, "no " + consecutive + " consecutive probes reported " + version + " within "
                        + timeout.toSeconds() + " s (last: " + last.get() + ")");
        return verdict(environment, "version " + version, baseUrl, line);
    }

    /**
     * One probe: true once the streak of answers naming the version is long enough; any other answer restarts it.
     * A probe cut short by the deadline is no answer: it neither counts nor replaces the last one.
     */
    private boolean probeOnce(AtomicInteger probes, AtomicInteger streak, AtomicReference<String> last) {
        try {
            Health.Live answer = Health.live(baseUrl);
            probes.incrementAndGet();
            last.set(answer.toString());
            if (answer.reports(version)) {
                return streak.incrementAndGet() >= consecutive;
            }
        } catch (IOException e) {
            probes.incrementAndGet();
            last.set(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        streak.set(0);
        return false;
    }
}
