package com.driftsentry.gate.driver;

import com.driftsentry.gate.testing.Fixture;
import com.driftsentry.gate.driver.decision.RunOutcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose stage end to end on the real engine, as a pull request runs it: driftgate in its own
 * JVM brings up environments/compose/docker-compose.yml with the candidate image, gates it and
 * removes the stack. After every case no container, network or volume of a driftgate project is
 * left. Without an engine the class is skipped with the reason and the install command, unless
 * {@code -Dcompose.required=true} or {@code DRIFTGATE_COMPOSE_REQUIRED=true} (what .ci/run sets)
 * makes that a failure.
 */
@Tag("compose")
class ComposeStageIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String IMAGE = "driftsentry-reference:compose-it";
    private static final String ROOT_IMAGE = "driftsentry-reference:compose-it-root";
    private static final String INSTALL = "apt-get install -y docker.io docker-compose debootstrap && setsid dockerd & then "
            + "scripts/offline-base-images.sh (see docs/DOCKER-SETUP.md)";
    private static final List<String> OFFLINE = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void anEngineAndTheImages() throws Exception {
        if (required()) {
            // .ci/run installs the engine and builds the images while the other modules are tested.
            try {
                await("the engine and the offline images (.ci/run builds them meanwhile)").atMost(Duration.ofMinutes(15))
                        .pollInterval(Duration.ofSeconds(5)).until(() -> docker("image", "inspect", "driftsentry/postgres:15", "driftsentry/redis:7",
                                "driftsentry/jdk17").exit() == 0 || docker("image", "inspect", "postgres:15-alpine").exit() == 0);
            } catch (ConditionTimeoutException e) {
                // reported below with what is missing
            }
        }
        String missing = docker("info").exit() != 0 ? "no Docker engine answers"
                : !answers("docker-compose", "version") && !answers("docker", "compose", "version") ? "no docker-compose"
                : null;
        if (missing == null && docker("image", "inspect", "postgres:15-alpine").exit() != 0) {
            // No official images here (no registry): the stand-ins scripts/offline-base-images.sh builds.
            missing = docker("image", "inspect", "driftsentry/postgres:15", "driftsentry/redis:7", "driftsentry/jdk17").exit() != 0
                    ? "neither the official images nor the offline ones (driftsentry/postgres:15, driftsentry/redis:7)" : null;
            OFFLINE.addAll(List.of("--compose-file", ROOT.resolve("environments/compose/docker-compose.offline.yml").toString()));
        }
        if (missing != null) {
            String reason = "compose stage not tested: " + missing + " (install: " + INSTALL + ")";
            if (required()) {
                fail(reason);
            }
            assumeTrue(false, reason);
        }
        Result built = run(List.of(ROOT.resolve("scripts/build-backend-image.sh").toString(), "compose-it"), ROOT, Map.of());
        assertEquals(0, built.exit(), "the backend image builds: " + built.output());
        Result rootImage = run(List.of("sh", "-c", "printf 'FROM " + IMAGE + "\\nUSER 0:0\\n' | DOCKER_BUILDKIT=0 docker build -q -t " + ROOT_IMAGE + " -"),
                ROOT, Map.of());
        assertEquals(0, rootImage.exit(), rootImage.output());
    }

    private static boolean required() {
        return Boolean.getBoolean("compose.required") || "true".equals(System.getenv("DRIFTGATE_COMPOSE_REQUIRED"));
    }

    @AfterEach
    void nothingOfTheProjectIsLeft() throws Exception {
        List<String> left = new ArrayList<>();
        for (List<String> list : List.of(List.of("ps", "-a"), List.of("network", "ls"), List.of("volume", "ls"))) {
            List<String> args = new ArrayList<>(list);
            args.addAll(List.of("--filter", "label=com.docker.compose.project", "--format", "{{.Label \"com.docker.compose.project\"}}"));
            docker(args.toArray(String[]::new)).output().lines().filter(p -> p.startsWith("driftgate-")).forEach(p -> left.add(list.get(0) + " " + p));
        }
        assertTrue(left.isEmpty(), "left behind: " + left);
    }

    @Test
    void aHealthyImagePassesAndTheLeftoversOfAKilledRunAreRemovedFirst() throws Exception {
        String dead = "driftgate-" + deadPid() + "-leftov";
        assertEquals(0, docker("volume", "create", "--label", "com.docker.compose.project=" + dead, dead + "_pgdata").exit());
        assertEquals(0, docker("network", "create", "--label", "com.docker.compose.project=" + dead, dead + "_default").exit());
        assertEquals(0, docker("create", "--label", "com.docker.compose.project=" + dead, "--name", dead + "_redis_1", IMAGE).exit());

        withBrowser = true;
        DriftgateProcess run = deploy(IMAGE);
        assertEquals(0, run.exitCode, run.output);
        assertTrue(run.output.contains("removed the leftovers of an earlier run that did not finish: project " + dead
                + " (1 containers, 1 networks, 1 volumes)"), run.output);
        JsonNode entry = lastEntry();
        assertEquals(RunOutcome.PASS.name(), entry.get("outcome").asText());
        assertTrue(entry.get("reason").asText().contains("a PR stage keeps no release"), entry.get("reason").asText());
        assertTrue(entry.get("serving").isNull(), "nothing is recorded as serving");
        assertEquals(List.of("container", "health", "smoke", "browser", "contract", "load", "smoke", "availability"), gates(entry));
        // The stack's own frontend container, in Chromium: every line passes, its figures the API's.
        JsonNode browser = EmbeddedDeployTest.lastOfGate(entry, "browser");
        assertEquals("PASS", browser.get("outcome").asText(), browser.toString());
        assertTrue(browser.toString().contains("6 of 6 equal"), browser.toString());
        JsonNode container = entry.get("verdicts").get(0).get("lines");
        assertEquals(4, container.size(), container.toString());
        container.forEach(l -> assertEquals("PASS", l.get("outcome").asText(), l.toString()));
        assertTrue(container.toString().contains("uid 10001") && container.toString().contains("read-only, healthy"), container.toString());
        assertTrue(entry.get("logs") == null, "a passing run carries no logs");
    }

    @Test
    void fivePercentErrorsOnOneRouteFailNamingTheRoutesCriterion() throws Exception {
        fewerGates = true;
        DriftgateProcess run = deploy(IMAGE, "--candidate-env", "DRIFTSENTRY_FAULT_ERROR_RATE=0.05",
                "--candidate-env", "DRIFTSENTRY_FAULT_ROUTES=/api/v1/dashboard/summary");
        assertEquals(1, run.exitCode, run.output);
        JsonNode entry = lastEntry();
        assertEquals(RunOutcome.FAIL.name(), entry.get("outcome").asText());
        JsonNode load = EmbeddedDeployTest.lastOfGate(entry, "load");
        assertTrue(failing(load).stream().anyMatch(c -> c.startsWith("dashboard errorRate")), "failing: " + failing(load));
        assertTrue(entry.get("reason").asText().contains("no release to roll back to"), entry.get("reason").asText());
        assertTrue(entry.get("logs").has("backend") && entry.get("logs").has("postgres"), "the containers' last log lines are in the report");
    }

    @Test
    void anImageWhoseBackendRunsAsRootFailsTheContainerGate() throws Exception {
        DriftgateProcess run = deploy(ROOT_IMAGE);
        assertEquals(1, run.exitCode, run.output);
        JsonNode container = EmbeddedDeployTest.lastOfGate(lastEntry(), "container");
        assertEquals(List.of("runs as non-root"), failing(container));
        assertTrue(container.toString().contains("uid 0"), container.toString());
        assertEquals(List.of("container"), gates(lastEntry()).subList(0, 1));
        assertTrue(!gates(lastEntry()).contains("load"), "a failed gate stops the rollout: " + gates(lastEntry()));
    }

    @Test
    void postgresKilledDuringTheLoadFailsWithReadiness503() throws Exception {
        fewerGates = true;
        // The load runs once the backend logs far more than the probes' few requests a second.
        CompletableFuture<String> killed = DriftgateProcess.onceLogged(dir, "deploy", "(load)",
                () -> docker("logs", "--since", "2s", service("backend")).output().lines().count() > 30, () -> {
                    // About two seconds more of load answered (40 more lines), counted rather than slept for.
                    long before = docker("logs", service("backend")).output().lines().count();
                    await("more of the load answered").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                            .until(() -> docker("logs", service("backend")).output().lines().count() >= before + 40);
                    return docker("kill", service("postgres")).output();
                });
        DriftgateProcess run = deploy(IMAGE);
        assertTrue(killed.get(10, TimeUnit.SECONDS).strip().matches("[0-9a-f]+"), "postgres was killed: " + killed.get());
        assertEquals(1, run.exitCode, run.output);
        JsonNode load = EmbeddedDeployTest.lastOfGate(lastEntry(), "load");
        assertTrue(load.toString().contains("503"), "the load verdict names readiness 503: " + load);
    }

    @Test
    void aDryRunSaysThereIsNoRollbackAndStartsNothing() throws Exception {
        DriftgateProcess plan = deploy(IMAGE, "--dry-run");
        assertEquals(0, plan.exitCode, plan.output);
        assertTrue(plan.output.contains("a PR stage has no release to roll back to: each run is a fresh stack"), plan.output);
        assertTrue(plan.output.contains("gate container"), plan.output);
        assertTrue(!Files.exists(dir.resolve("target/state/compose/ledger.jsonl")), "a dry run writes no ledger entry");
    }

    @Test
    void aCancelledRunStillRemovesItsStack() throws Exception {
        fewerGates = true;
        // What a cancelled CI job sends: SIGTERM to the driver, in the middle of a gate.
        CompletableFuture<String> cancelled = DriftgateProcess.onceLogged(dir, "deploy", "(health)", () -> true, () -> {
            ProcessHandle driver = DriftgateProcess.running(dir, "deploy").orElseThrow();
            driver.destroy();
            return "SIGTERM to " + driver.pid();
        });
        DriftgateProcess run = deploy(IMAGE);
        assertTrue(cancelled.get(10, TimeUnit.SECONDS).startsWith("SIGTERM"), cancelled.get());
        assertEquals(143, run.exitCode, run.output);
    }

    @Test
    void whatTheMachineLacksIsBadInputAndNothingStarts() throws Exception {
        DriftgateProcess noImage = deploy("driftsentry-reference:never-built");
        assertEquals(3, noImage.exitCode, noImage.output);
        assertTrue(noImage.output.contains("--image: 'driftsentry-reference:never-built' is not an image on this machine's engine"), noImage.output);

        // The engine's socket hidden from driftgate alone: a mount namespace of its own with an empty /run.
        DriftgateProcess noEngine = deploy(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs none /run && exec \"$0\" \"$@\""), Map.of(), IMAGE);
        assertEquals(3, noEngine.exitCode, noEngine.output);
        assertTrue(noEngine.output.contains("no Docker engine answers (fix: apt-get install -y docker.io"), noEngine.output);

        DriftgateProcess noCompose = deploy(List.of(), Map.of("PATH", "/nonexistent"), IMAGE);
        assertEquals(3, noCompose.exitCode, noCompose.output);
        assertTrue(noCompose.output.contains("neither `docker compose` (v2) nor `docker-compose` (v1) is installed"), noCompose.output);

        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 3002));
            DriftgateProcess portTaken = deploy(IMAGE);
            assertEquals(3, portTaken.exitCode, portTaken.output);
            assertTrue(portTaken.output.contains("target.baseUrl: port 3002 on 127.0.0.1 is taken"), portTaken.output);
        }
        for (DriftgateProcess p : List.of(noImage, noEngine, noCompose)) {
            assertEquals(1, p.output.lines().filter(l -> !l.isBlank()).count(), "one line: " + p.output);
        }
    }

    /** A base image no registry serves (here none answers; on GitHub, Docker Hub has no such repository). */
    @Test
    void aStackWhoseImageIsMissingNamesTheImageAndTheFixOnItsFirstFailingLine() throws Exception {
        fewerGates = true;
        DriftgateProcess run = deploy(List.of(), Map.of("POSTGRES_IMAGE", "driftsentry/no-such-postgres:0"), IMAGE);
        assertTrue(run.exitCode != 0, run.output);
        String first = run.output.lines().filter(l -> l.contains("compose could not bring the stack up")).findFirst()
                .orElseThrow(() -> new AssertionError("no failing line: " + run.output));
        assertTrue(first.contains("image driftsentry/no-such-postgres:0 (service postgres) is not on this machine and could not be pulled")
                && first.contains("docker pull driftsentry/no-such-postgres:0") && first.contains("scripts/offline-base-images.sh"), first);
        assertTrue(run.output.contains("compose said:"), "what compose printed follows: " + run.output);
    }

    /** Cases about a failure or an interruption run without the smoke and contract suites: the healthy case shows them. */
    private boolean fewerGates;
    private boolean withBrowser;

    private DriftgateProcess deploy(String image, String... more) throws Exception {
        return deploy(List.of(), Map.of(), image, more);
    }

    private DriftgateProcess deploy(List<String> wrapper, Map<String, String> extraEnv, String image, String... more) throws Exception {
        Path envs = Files.createDirectories(dir.resolve("environments"));
        Files.writeString(envs.resolve("local.yaml"), "name: local\ntarget: { baseUrl: embedded }\ngates: {}\n");
        String spec = ROOT.resolve("contract-tests/src/main/resources/openapi/driftsentry.yaml").toString();
        Files.writeString(envs.resolve("compose.yaml"), Fixture.edit(Files.readString(ROOT.resolve("environments/compose.yaml")),
                "contract-tests/src/main/resources/openapi/driftsentry.yaml", spec,
                "[environments/compose/docker-compose.yml]", "[" + ROOT.resolve("environments/compose/docker-compose.yml") + "]")
                .lines().filter(l -> !fewerGates || !(l.startsWith("  smoke:") || l.startsWith("  contract:")))
                // The browser gate is judged in the healthy run only: a fault meant for the load gate must reach it.
                .filter(l -> withBrowser || !l.startsWith("  browser:"))
                .reduce("", (a, b) -> a + b + "\n"));
        List<String> args = new ArrayList<>(List.of("deploy", "--env", "compose", "--image", image));
        args.addAll(OFFLINE);
        args.addAll(Arrays.asList(more));
        Map<String, String> env = new HashMap<>(Map.of("TESTCONTAINERS_RYUK_DISABLED", "true", "TESTCONTAINERS_HOST_OVERRIDE", "localhost"));
        env.putAll(extraEnv);
        return DriftgateProcess.run(dir, wrapper, env, args.toArray(String[]::new));
    }

    private JsonNode lastEntry() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("target/state/compose/ledger.jsonl"));
        return new ObjectMapper().readTree(lines.get(lines.size() - 1));
    }

    private static List<String> gates(JsonNode entry) {
        List<String> gates = new ArrayList<>();
        entry.get("verdicts").forEach(v -> gates.add(v.get("gate").asText()));
        return gates;
    }

    private static List<String> failing(JsonNode verdict) {
        List<String> failing = new ArrayList<>();
        verdict.get("lines").forEach(l -> {
            if (l.get("outcome").asText().equals("FAIL")) {
                failing.add(l.get("criterion").asText());
            }
        });
        return failing;
    }

    private static String service(String name) throws Exception {
        return docker("ps", "-q", "--filter", "label=com.docker.compose.service=" + name, "--filter", "label=com.docker.compose.project").output().strip();
    }

    private static long deadPid() {
        long pid = 4_000_000;
        while (ProcessHandle.of(pid).isPresent()) {
            pid++;
        }
        return pid;
    }

    private record Result(int exit, String output) {
    }

    private static Result docker(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(Arrays.asList(args));
        return run(command, ROOT, Map.of());
    }

    private static boolean answers(String... command) throws Exception {
        return run(List.of(command), ROOT, Map.of()).exit() == 0;
    }

    private static Result run(List<String> command, Path cwd, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Result(127, e.getMessage());
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(124, out);
        }
        return new Result(p.exitValue(), out);
    }
}
