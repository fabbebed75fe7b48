package com.driftsentry.gate.load;

import com.driftsentry.gate.background.OwnThread;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.target.Health;
import com.driftsentry.reference.embedded.EmbeddedTarget;
import com.driftsentry.gate.verdict.VerdictLine;
import com.driftsentry.gate.environment.Metric;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Where the load goes: the embedded reference service started for this run (its keys registered
 * with the masker), or the environment's stage, which must answer before any load is sent.
 */
final class LoadTarget implements AutoCloseable {
    private final EmbeddedTarget embedded;
    private final String baseUrl;
    private final String adminKey;
    private final String readerKey;
    private Optional<Evidence.CacheCounters> cacheBefore = Optional.empty();

    private LoadTarget(EmbeddedTarget embedded, String baseUrl, String adminKey, String readerKey) {
        this.embedded = embedded;
        this.baseUrl = baseUrl;
        this.adminKey = adminKey;
        this.readerKey = readerKey;
    }

    static LoadTarget start(LoadPlan plan) {
        Environment env = plan.environment();
        if (!env.target().embedded()) {
            Health.requireVersion(env.file(), env.target().baseUrl());
            return new LoadTarget(null, env.target().baseUrl(), env.target().apiKey(), env.target().apiKey());
        }
        // A run that judges memory growth gets a heap touched whole at the start: a fresh JVM's resident memory otherwise grows
        // as its heap pages are first used, which a 40 s soak on a loaded machine read as +5 GB/h (CI, 2026-12-06).
        boolean judgesMemory = plan.load().thresholds().stream().anyMatch(t -> t.metric() == Metric.MEMORY_GROWTH);
        EmbeddedTarget target = EmbeddedTarget.start(env.target().seed(), faultSettings(), plan.output(),
                judgesMemory ? List.of("-XX:+AlwaysPreTouch") : List.of());
        // Gatling ends with System.exit: the service must stop with this JVM even if finish() never runs.
        Runtime.getRuntime().addShutdownHook(new Thread(target::close, "embedded-target-stop"));
        return new LoadTarget(target, target.baseUrl(), env.masker().register(target.adminKey()), env.masker().register(target.readerKey()));
    }

    /** The DRIFTSENTRY_* settings of this shell (fault switches), passed to the embedded service only. */
    private static Map<String, String> faultSettings() {
        return System.getenv().entrySet().stream().filter(e -> e.getKey().startsWith("DRIFTSENTRY_"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    String baseUrl() {
        return baseUrl;
    }

    String adminKey() {
        return adminKey;
    }

    String readerKey() {
        return readerKey;
    }

    TargetHealth health() {
        return new TargetHealth(baseUrl);
    }

    /** For a target this run started: a line naming its exit when it exited on its own after {@code loadStarted}. */
    Optional<VerdictLine> exitedDuringRun(Instant loadStarted) {
        return embedded == null ? Optional.empty() : TargetHealth.exitedDuringRun(embedded, loadStarted);
    }

    String describe() {
        return embedded != null ? "embedded reference service (" + baseUrl + ")" : baseUrl;
    }

    /** {@link #warmUp()} begun on a thread of its own, for a caller with other work until the load starts. */
    CompletableFuture<Void> beginWarmUp() {
        return CompletableFuture.runAsync(this::warmUp, OwnThread.named("target-warm-up"));
    }

    /**
     * Warms the target's key cache (one request per key, both at once, not recorded: a long-lived client pays
     * bcrypt once, not in its p99), then reads the cache counters the run is judged against.
     */
    void warmUp() {
        TargetMetrics metrics = new TargetMetrics(baseUrl);
        CompletableFuture<Void> admin = CompletableFuture.runAsync(() -> metrics.touch("/api/v1/drifts?limit=1", adminKey),
                OwnThread.named("target-warm-up"));
        metrics.touch("/api/v1/drifts?limit=1", readerKey);
        admin.join();
        cacheBefore = metrics.cacheCounters();
    }

    /** What the target's cache did since {@link #warmUp()}; null when its /metrics could not be read both times. */
    Evidence.CacheCounters cacheSinceWarmUp() {
        return cacheBefore.flatMap(before -> new TargetMetrics(baseUrl).cacheCounters().map(after -> TargetMetrics.delta(before, after)))
                .orElse(null);
    }

    /**
     * The embedded target asked to stop, not waited for: it stops while Gatling writes its report (the shutdown hook
     * set at its start waits for it; a service whose owner is gone stops itself all the same).
     */
    void beginStop() {
        if (embedded != null) {
            embedded.beginStop();
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
