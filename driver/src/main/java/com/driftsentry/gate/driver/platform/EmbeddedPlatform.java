package com.driftsentry.gate.driver.platform;

import com.driftsentry.gate.background.OwnThread;
import com.driftsentry.gate.driver.gates.Gate;
import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.environment.StagePolicy;
import com.driftsentry.gate.target.Health;
import com.driftsentry.reference.embedded.EmbeddedTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Blue/green on loopback: every release is the reference service as its own process (embedded
 * PostgreSQL and Redis), behind a {@link LoopbackRouter}. The candidate starts beside the serving
 * release and is gated on its own port; promotion switches the router and stops the old release;
 * a failed candidate is stopped and the serving release never stopped. Everything started here
 * stops in {@link #close()}, which also waits for the releases whose stop began earlier.
 *
 * <p>A deploy's candidate starts at the same time as the serving release (each start is mostly one
 * JVM's class loading and PostgreSQL's, so the two overlap well on two cores). That is before the
 * command records its intent, which is safe here alone: every release is a child of this command
 * that ends with it, so a command that dies leaves no candidate running and nothing to put back.
 */
public final class EmbeddedPlatform implements Platform {

    // The serving release of a deploy answers only the availability probe while the candidate is gated: compiled by C1
    // alone it starts on about half the CPU (4.7 s instead of 8.4 s), which the candidate starting beside it gets instead.
    private static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1");

    private final Environment env;
    private final Release initial;
    private final Map<String, String> candidateSettings;
    private final Path workDir;
    // Started beside the releases when serving() comes first, else on first use.
    private CompletableFuture<LoopbackRouter> router;
    private final Map<String, EmbeddedTarget> running = new LinkedHashMap<>();
    private final Map<String, EmbeddedTarget> stopping = new LinkedHashMap<>();
    private final Optional<Release> expected;
    private CompletableFuture<EmbeddedTarget> early;
    private Release serving;

    /**
     * {@code initial}: the release to serve at the start (the ledger's last promotion, else the baseline version);
     * {@code candidate}: the release a deploy will ask for, started beside the serving release (empty for other commands).
     */
    public EmbeddedPlatform(Environment env, Release initial, Optional<Release> candidate, Map<String, String> candidateSettings, Path workDir) {
        this.env = env;
        this.initial = initial;
        this.expected = candidate.filter(c -> !c.version().equals(initial.version()));
        this.candidateSettings = Map.copyOf(candidateSettings);
        this.workDir = workDir;
    }

    @Override
    public Optional<Release> serving() {
        if (serving == null) {
            expected.ifPresent(candidate -> early = CompletableFuture.supplyAsync(() -> launch(candidate, candidateSettings, List.of()),
                    OwnThread.named("candidate-start")));
            if (router == null) {
                // Jetty and its TLS classes are about 0.3 s of this JVM's start: beside the releases' starts, not before.
                router = CompletableFuture.supplyAsync(() -> new LoopbackRouter(0), OwnThread.named("router-start"));
            }
            try {
                start(initial, Map.of(), expected.isPresent() ? QUICK_START : List.of());
                awaitReady(initial, running.get(initial.version()), env.deploy().platform().common().stableTimeout());
            } catch (DeployFailure e) {
                throw new IllegalStateException("the serving release " + initial + " did not start: " + e.getMessage());
            }
            serving = initial;
            router().switchTo(running.get(initial.version()).baseUrl());
        }
        return Optional.of(serving);
    }

    @Override
    public String serviceUrl() {
        return router().url();
    }

    @Override
    public Release deploy(Release candidate) throws DeployFailure {
        if (running.containsKey(candidate.version())) {
            throw new DeployFailure("release " + candidate + " is already running here; a candidate needs a version of its own");
        }
        if (early != null && expected.filter(candidate::equals).isPresent()) {
            running.put(candidate.version(), started(candidate));
        } else {
            start(candidate, candidateSettings, List.of());
        }
        return candidate;
    }

    @Override
    public void awaitStable(Release candidate) throws DeployFailure {
        awaitReady(candidate, target(candidate), env.deploy().platform().common().stableTimeout());
    }

    @Override
    public Endpoint endpoint(Release candidate) throws DeployFailure {
        EmbeddedTarget t = target(candidate);
        return new Endpoint(t.baseUrl(), t.adminKey(), Optional.of(t.tenantId()), Optional.of(t.dashboardUrl()));
    }

    @Override
    public void promote(Release candidate) throws DeployFailure {
        router().switchTo(target(candidate).baseUrl());
        Release old = serving;
        serving = candidate;
        stop(old);
    }

    @Override
    public void restore(Release release, Optional<Release> failedCandidate) throws DeployFailure {
        failedCandidate.filter(c -> !c.version().equals(release.version())).ifPresent(this::stop);
        if (!running.containsKey(release.version())) {
            start(release, Map.of(), List.of());
        }
        EmbeddedTarget t = target(release);
        awaitReady(release, t, env.deploy().platform().common().stableTimeout());
        router().switchTo(t.baseUrl());
        Release replaced = serving;
        serving = release;
        if (replaced != null && !replaced.version().equals(release.version())) {
            stop(replaced);
        }
    }

    @Override
    public StagePolicy policy() {
        return env.deploy().platform().policy();
    }

    @Override
    public List<Gate> promotionChecks(Release candidate) {
        return List.of();
    }

    @Override
    public Optional<String> lost(Release release) {
        EmbeddedTarget t = running.get(release.version());
        return t == null || t.alive() ? Optional.empty() : Optional.of("release " + release + " exited while it was being gated");
    }

    @Override
    public List<String> plan(Release candidate) {
        List<String> plan = new ArrayList<>();
        plan.add("start the serving release " + initial + " behind a loopback router (it keeps serving throughout)");
        plan.add("start candidate " + candidate + " beside it on its own port" + (candidateSettings.isEmpty() ? ""
                : " with " + String.join(", ", candidateSettings.keySet())));
        plan.add("wait until the candidate is ready (at most " + env.deploy().platform().common().stableTimeout().toSeconds() + " s)");
        plan.add("on PASS switch the router to the candidate and stop " + initial + "; on FAIL stop the candidate");
        return plan;
    }

    @Override
    public synchronized void close() {
        if (early != null) {
            // A candidate still starting (the serving release failed, or a signal came) is stopped once it has started.
            try {
                early.join().close();
            } catch (CompletionException e) {
                // it never started: nothing to stop
            }
        }
        List<EmbeddedTarget> all = new ArrayList<>(stopping.values());
        all.addAll(running.values());
        stopping.clear();
        running.clear();
        all.forEach(EmbeddedTarget::beginStop);
        all.forEach(EmbeddedTarget::close);
        if (router != null) {
            try {
                router().close();
            } catch (RuntimeException neverStarted) {
                // nothing to close
            }
        }
    }

    /** The router, once started. */
    private synchronized LoopbackRouter router() {
        if (router == null) {
            router = CompletableFuture.completedFuture(new LoopbackRouter(0));
        }
        try {
            return router.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof IllegalStateException failed ? failed : e;
        }
    }

    private void start(Release release, Map<String, String> settings, List<String> jvmOptions) throws DeployFailure {
        // A release of this version still stopping (a rollback to the release a promotion just stopped) owns its folder.
        Optional.ofNullable(stopping.remove(release.version())).ifPresent(EmbeddedTarget::close);
        try {
            running.put(release.version(), launch(release, settings, jvmOptions));
        } catch (IllegalStateException e) {
            throw new DeployFailure("release " + release + " did not start: " + e.getMessage());
        }
    }

    /** The candidate started beside the serving release, once it has started (its failure is the deploy's). */
    private EmbeddedTarget started(Release candidate) throws DeployFailure {
        CompletableFuture<EmbeddedTarget> started = early;
        early = null;
        try {
            return started.join();
        } catch (CompletionException e) {
            throw new DeployFailure("release " + candidate + " did not start: " + e.getCause().getMessage());
        }
    }

    private EmbeddedTarget launch(Release release, Map<String, String> settings, List<String> jvmOptions) {
        Map<String, String> envVars = new HashMap<>(settings);
        envVars.put("DRIFTSENTRY_VERSION", release.version());
        env.smoke().allowedOrigin().ifPresent(o -> envVars.put("DRIFTSENTRY_CORS_ORIGINS", o));
        EmbeddedTarget t = EmbeddedTarget.start(env.target().seed(), envVars, workDir.resolve("release-" + release.version()), jvmOptions);
        env.masker().register(t.adminKey());
        env.masker().register(t.readerKey());
        return t;
    }

    /** Its graceful stop (drain, then PostgreSQL and Redis: about 0.4 s) goes on while the command does; close() waits. */
    private void stop(Release release) {
        EmbeddedTarget t = release == null ? null : running.remove(release.version());
        if (t != null) {
            t.beginStop();
            stopping.put(release.version(), t);
        }
    }

    private EmbeddedTarget target(Release release) throws DeployFailure {
        EmbeddedTarget t = running.get(release.version());
        if (t == null) {
            throw new DeployFailure("release " + release + " is not running here");
        }
        return t;
    }

    /** Ready is /health/ready answering 200; a release that exits meanwhile fails at once instead of at the timeout. */
    private static void awaitReady(Release release, EmbeddedTarget t, Duration timeout) throws DeployFailure {
        Health.Ready last = Health.untilReady(t.baseUrl(), timeout, () -> !t.alive());
        if (!t.alive()) {
            throw new DeployFailure("release " + release + " exited before it was ready");
        }
        if (!last.ready()) {
            throw new DeployFailure("release " + release + " was not ready within " + timeout.toSeconds() + " s (last "
                    + Health.READY + ": " + last.said() + ")");
        }
    }
}
