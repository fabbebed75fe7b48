package com.driftsentry.gate.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.driver.gates.AvailabilityProbe;
import com.driftsentry.gate.driver.gates.LoadGate;
import com.driftsentry.gate.driver.gates.SuiteGate;
import com.driftsentry.gate.driver.gates.VersionGate;
import com.driftsentry.gate.environment.DeployConfig;
import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.environment.EnvironmentLoader;
import com.driftsentry.gate.environment.SecretResolver;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.waiting.Waits;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one rule of docs/gates.md, gate by gate: a measured breach or a release that stopped
 * answering is FAIL; a measurement that could not be taken is INCONCLUSIVE with the reason. (The
 * ECS checks, alarms, budget and image size, are held to it in EcsPlatformTest; the load gate's
 * breaches in the end-to-end deploys.)
 */
class GateOutcomesTest {
    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path dir;
    HttpServer release;

    @BeforeEach
    void releaseThatReportsVersion010() throws Exception {
        release = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        release.createContext("/health/live", exchange -> {
            byte[] body = "{\"status\":\"ok\",\"version\":\"0.1.0\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        release.start();
    }

    @AfterEach
    void stop() {
        release.stop(0);
    }

    String releaseUrl() {
        return "http://127.0.0.1:" + release.getAddress().getPort();
    }

    static String deadUrl() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    Environment environment(String contractSpec) throws Exception {
        Path envs = Files.createDirectories(dir.resolve("environments"));
        Files.writeString(envs.resolve("outcomes.yaml"), """
                name: outcomes
                target: { baseUrl: "http://127.0.0.1:1", apiKey: dsk_outcomes_00000000000000000000000000000000 }
                gates:
                  smoke: { tags: [health] }
                  contract: { spec: %s }
                  load:
                    simulation: NoSuchSimulation
                    profile: { rampTo: 1/s, over: 1s, hold: 1s }
                    thresholds: [ { scope: global, metric: errorRate, max: 0%% } ]
                """.formatted(contractSpec));
        return new EnvironmentLoader(envs, Map.of(), SecretResolver::fromSystem).load("outcomes");
    }

    @Test
    void healthFailsWhenTheReleaseReportsAnotherVersionOrDoesNotAnswer() throws Exception {
        Verdict wrong = new VersionGate("outcomes", releaseUrl(), "0.2.0", 2, Duration.ofMillis(600)).judge();
        assertEquals(Outcome.FAIL, wrong.outcome());
        assertTrue(wrong.lines().get(0).reason().contains("last: version 0.1.0"), wrong.lines().toString());
        Verdict silent = new VersionGate("outcomes", deadUrl(), "0.2.0", 2, Duration.ofMillis(600)).judge();
        assertEquals(Outcome.FAIL, silent.outcome());
        assertTrue(silent.lines().get(0).reason().contains("ConnectException"), silent.lines().toString());
        assertEquals(Outcome.PASS, new VersionGate("outcomes", releaseUrl(), "0.1.0", 2, Duration.ofSeconds(5)).judge().outcome());
    }

    @Test
    void availabilityFailsOnFailedProbesAndIsInconclusiveWithoutAny() throws Exception {
        DeployConfig.Availability every50ms = new DeployConfig.Availability("/health/live", Duration.ofMillis(50), 1.0);
        String dead = deadUrl();
        // The verdict waits for the first probe's answer itself: no sleep decides whether one came.
        Verdict down = new AvailabilityProbe(() -> dead, every50ms, "outcomes").start().verdict();
        assertEquals(Outcome.FAIL, down.outcome());
        assertTrue(down.lines().get(0).reason().contains("probes failed (last: ConnectException)"), down.lines().toString());
        Verdict none = new AvailabilityProbe(() -> dead, every50ms, "outcomes").verdict();
        assertEquals(Outcome.INCONCLUSIVE, none.outcome(), "never started: no probe, no evidence");
    }

    @Test
    void aSuiteGateFailsWhenTheReleaseStopsAnsweringAndIsInconclusiveWhenItsSuitesCannotRun() throws Exception {
        Path spec = Files.writeString(dir.resolve("broken.yaml"), "openapi: 3.0.3\ninfo: {}\n");
        Environment env = environment(spec.toString());
        Environment aimed = env.aimedAt(deadUrl(), "dsk_outcomes_00000000000000000000000000000000", "0.2.0", Optional.empty());
        Verdict smoke = SuiteGate.smoke(aimed, dir, QUIET).judge();
        assertEquals(Outcome.FAIL, smoke.outcome(), smoke.lines().toString());
        assertTrue(smoke.lines().get(0).reason().contains("does not answer"), smoke.lines().toString());
        Verdict contract = SuiteGate.contract(aimed, dir, QUIET).judge();
        assertEquals(Outcome.INCONCLUSIVE, contract.outcome(), contract.lines().toString());
        assertTrue(contract.lines().get(0).reason().contains("is not a valid OpenAPI 3 document"), contract.lines().toString());
    }

    @Test
    void aSuiteGatePreparedWhileTheGateBeforeItRunsSendsTheReleaseNothingBeforeItJudges() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        release.createContext("/", exchange -> {
            asked.incrementAndGet();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        Path spec = Files.writeString(dir.resolve("unused.yaml"), "openapi: 3.0.3\n");
        Environment aimed = environment(spec.toString()).aimedAt(releaseUrl(), "dsk_outcomes_00000000000000000000000000000000", "0.2.0",
                Optional.empty());
        SuiteGate smoke = SuiteGate.smoke(aimed, dir, QUIET);
        smoke.prepare();
        Waits.await("the smoke gate's warm-up to end").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("smoke-warm-up")));
        assertEquals(0, asked.get(), "the warm-up asks a server of its own, never the release");
        smoke.judge();
        assertTrue(asked.get() > 0, "the suites themselves ask the release");
    }

    @Test
    void aLoadRunThatEndsWithoutAVerdictIsInconclusiveNeverAPassNorAFailure() throws Exception {
        Path spec = Files.writeString(dir.resolve("unused.yaml"), "openapi: 3.0.3\n");
        Verdict load = new LoadGate(environment(spec.toString()), releaseUrl(), "dsk_outcomes_00000000000000000000000000000000", dir, Optional.empty()).judge();
        assertEquals(Outcome.INCONCLUSIVE, load.outcome(), load.lines().toString());
        assertTrue(load.lines().get(0).reason().contains("without a verdict"), load.lines().toString());
    }
}
