package com.driftsentry.gate.driver.gates;

import com.driftsentry.gate.target.Reachability;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Health and version: a release counts as serving only when its health endpoint reports its
 * version on N consecutive probes (a load balancer still sending some traffic to the old tasks,
 * or a release that flaps, does not pass on one lucky answer).
 */
public final class VersionGate implements Gate {
    private static final Duration EVERY = Duration.ofMillis(250);

    private final String environment;
    private final String baseUrl;
    private final String version;
    private final int consecutive;
    private final Duration timeout;

    public VersionGate(String environment, String baseUrl, String version, int consecutive, Duration timeout) {
        this.environment = environment;
        this.baseUrl = baseUrl;
        this.version = version;
        this.consecutive = consecutive;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "health";
    }

    @Override
    public Verdict judge() {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        int streak = 0;
        int probes = 0;
        String last = "no answer";
        while (streak < consecutive && System.nanoTime() < deadline) {
            probes++;
            last = probe();
            streak = last.equals("version " + version) ? streak + 1 : 0;
            if (streak < consecutive) {
                sleep();
            }
        }
        boolean ok = streak >= consecutive;
        VerdictLine line = new VerdictLine("health and version", consecutive + " consecutive /health/live report version " + version,
                streak + " consecutive, last: " + last, probes, consecutive,
                String.format("%.1f s", (System.nanoTime() - started) / 1e9), ok ? Outcome.PASS : Outcome.FAIL,
                ok ? "serving " + version : "no " + consecutive + " consecutive probes reported " + version + " within "
                        + timeout.toSeconds() + " s (last: " + last + ")");
        return Verdict.of("health", environment, "version " + version, baseUrl, List.of(line));
    }

    private String probe() {
        try {
            return Reachability.probe(baseUrl);
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(EVERY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
