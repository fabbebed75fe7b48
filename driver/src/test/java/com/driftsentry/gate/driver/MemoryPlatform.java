package com.driftsentry.gate.driver;

import com.driftsentry.gate.driver.gates.Gate;
import com.driftsentry.gate.driver.platform.DeployFailure;
import com.driftsentry.gate.driver.platform.Platform;
import com.driftsentry.gate.driver.platform.Release;
import com.driftsentry.gate.environment.StagePolicy;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A platform in memory for the stage runner's own tests: it records what it was asked to do and
 * fails where a test says so. Its address is a real loopback HTTP server answering the
 * availability probe, so the probe runs as it does on every platform.
 */
final class MemoryPlatform implements Platform {
    final List<String> actions = new CopyOnWriteArrayList<>();
    final List<Gate> checks = new ArrayList<>();
    final List<Gate> releaseChecks = new ArrayList<>();
    /** FRESH: a fresh stack per run (compose), nothing noted, promoted or restored. */
    StagePolicy policy = StagePolicy.SERVING;
    Release serving;
    boolean neverStable;
    boolean promotionRefused;
    boolean restoreRefused;
    volatile String lostBecause;
    /** Told each step as it starts ("deploy", "stable", "promote", "restore"): where a test freezes or signals a run. */
    volatile Consumer<String> at = step -> { };
    private final HttpServer server;
    /** Requests the release's address has answered (the availability probe's, in these tests). */
    final java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();

    MemoryPlatform(Release serving) {
        this.serving = serving;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            answered.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @Override
    public Optional<Release> serving() {
        return Optional.ofNullable(serving);
    }

    @Override
    public String serviceUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public Release deploy(Release candidate) {
        at.accept("deploy");
        actions.add("deploy " + candidate);
        return candidate;
    }

    @Override
    public void awaitStable(Release candidate) throws DeployFailure {
        at.accept("stable");
        if (neverStable) {
            throw new DeployFailure("release " + candidate + " was not ready within 1 s");
        }
    }

    @Override
    public Endpoint endpoint(Release candidate) {
        return new Endpoint(serviceUrl(), "dsk_memory_key", Optional.empty());
    }

    @Override
    public void promote(Release candidate) throws DeployFailure {
        at.accept("promote");
        if (promotionRefused) {
            throw new DeployFailure("the switch to " + candidate + " was refused");
        }
        actions.add("promote " + candidate);
        serving = candidate;
    }

    @Override
    public void restore(Release release, Optional<Release> failedCandidate) throws DeployFailure {
        at.accept("restore");
        if (restoreRefused) {
            throw new DeployFailure("the platform refused to restore " + release);
        }
        actions.add("restore " + release);
        serving = release;
    }

    @Override
    public List<Gate> promotionChecks(Release candidate) {
        return checks;
    }

    @Override
    public List<Gate> releaseChecks(Release candidate) {
        return releaseChecks;
    }

    @Override
    public StagePolicy policy() {
        return policy;
    }

    @Override
    public Map<String, List<String>> logTails() {
        return Map.of("backend", List.of("the last line the release wrote"));
    }

    @Override
    public Optional<String> lost(Release release) {
        return Optional.ofNullable(lostBecause);
    }

    @Override
    public List<String> plan(Release candidate) {
        return List.of("deploy " + candidate + " in memory");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
