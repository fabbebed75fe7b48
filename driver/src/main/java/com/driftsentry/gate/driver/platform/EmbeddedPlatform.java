package com.driftsentry.gate.driver.platform;

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

/**
 * Blue/green on loopback: every release is the reference service as its own process (embedded
 * PostgreSQL and Redis), behind a {@link LoopbackRouter}. The candidate starts beside the serving
 * release and is gated on its own port; promotion switches the router and stops the old release;
 * a failed candidate is stopped and the serving release never stopped. Everything started here
 * stops in {@link #close()}.
 */
public final class EmbeddedPlatform implements Platform {

    private final Environment env;
    private final Release initial;
    private final Map<String, String> candidateSettings;
    private final Path workDir;
    private final LoopbackRouter router;
    private final Map<String, EmbeddedTarget> running = new LinkedHashMap<>();
    private Release serving;

    /** {@code initial}: the release to serve at the start (the ledger's last promotion, else the baseline version). */
    public EmbeddedPlatform(Environment env, Release initial, Map<String, String> candidateSettings, Path workDir) {
        this.env = env;
        this.initial = initial;
        this.candidateSettings = Map.copyOf(candidateSettings);
        this.workDir = workDir;
        this.router = new LoopbackRouter(0);
    }

    @Override
    public Optional<Release> serving() {
        if (serving == null) {
            try {
                start(initial, Map.of());
                awaitReady(initial, running.get(initial.version()), env.deploy().platform().common().stableTimeout());
            } catch (DeployFailure e) {
                throw new IllegalStateException("the serving release " + initial + " did not start: " + e.getMessage());
            }
            serving = initial;
            router.switchTo(running.get(initial.version()).baseUrl());
        }
        return Optional.of(serving);
    }

    @Override
    public String serviceUrl() {
        return router.url();
    }

    @Override
    public Release deploy(Release candidate) throws DeployFailure {
        if (running.containsKey(candidate.version())) {
            throw new DeployFailure("release " + candidate + " is already running here; a candidate needs a version of its own");
        }
        start(candidate, candidateSettings);
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
        router.switchTo(target(candidate).baseUrl());
        Release old = serving;
        serving = candidate;
        stop(old);
    }

    @Override
    public void restore(Release release, Optional<Release> failedCandidate) throws DeployFailure {
        failedCandidate.filter(c -> !c.version().equals(release.version())).ifPresent(this::stop);
        if (!running.containsKey(release.version())) {
            start(release, Map.of());
        }
        EmbeddedTarget t = target(release);
        awaitReady(release, t, env.deploy().platform().common().stableTimeout());
        router.switchTo(t.baseUrl());
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
        new ArrayList<>(running.keySet()).forEach(v -> running.remove(v).close());
        router.close();
    }

    private void start(Release release, Map<String, String> settings) throws DeployFailure {
        Map<String, String> envVars = new HashMap<>(settings);
        envVars.put("DRIFTSENTRY_VERSION", release.version());
        env.smoke().allowedOrigin().ifPresent(o -> envVars.put("DRIFTSENTRY_CORS_ORIGINS", o));
        try {
            EmbeddedTarget t = EmbeddedTarget.start(env.target().seed(), envVars, workDir.resolve("release-" + release.version()));
            env.masker().register(t.adminKey());
            env.masker().register(t.readerKey());
            running.put(release.version(), t);
        } catch (IllegalStateException e) {
            throw new DeployFailure("release " + release + " did not start: " + e.getMessage());
        }
    }

    private void stop(Release release) {
        EmbeddedTarget t = release == null ? null : running.remove(release.version());
        if (t != null) {
            t.close();
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
