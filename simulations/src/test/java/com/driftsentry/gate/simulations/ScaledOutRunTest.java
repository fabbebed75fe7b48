package com.driftsentry.gate.simulations;

import static com.driftsentry.gate.waiting.Waits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Three local generators against the embedded service ({@code e2e-environments/scaled.yaml}), end to end: real Gatling
 * JVMs coordinated through a folder store, their evidence merged and judged once. A healthy run passes and says what
 * each generator sent; a fault (errors, or a stall on one route) is caught as a single generator catches it, and its stop reaches every generator (the
 * time is measured and printed); a generator killed mid-run makes the run INCONCLUSIVE naming it.
 */
class ScaledOutRunTest {
    private static final Pattern GENERATOR_SHARES = Pattern.compile("0: ([0-9,]+)[^;]*; 1: ([0-9,]+)[^;]*; 2: ([0-9,]+)");

    @Test
    void aHealthyRunOfThreeGeneratorsPassesOnTheirMergedEvidence() throws Exception {
        GatlingProcess run = GatlingProcess.run("ApiMixSimulation", Map.of("env", "scaled"), Map.of());
        assertEquals("PASS", run.verdict().get("outcome").asText(), run.output);
        assertEquals(0, run.exitCode, run.output);
        JsonNode generators = run.line("generators");
        Matcher shares = GENERATOR_SHARES.matcher(generators.get("measured").asText());
        assertTrue(shares.find(), generators.toString());
        long total = 0;
        for (int i = 1; i <= 3; i++) {
            long sent = Long.parseLong(shares.group(i).replace(",", ""));
            assertTrue(sent > 50, "each generator sent its share: " + generators);
            total += sent;
        }
        assertEquals(total, run.line("global requests").get("samples").asLong(), "the verdict judges every generator's requests, once");
    }

    @Test
    void aFaultIsCaughtAsOneGeneratorCatchesItAndTheStopReachesEveryGenerator() throws Exception {
        GatlingProcess run = GatlingProcess.run("ApiMixSimulation", Map.of("env", "scaled", "gate.hold", "40s"),
                Map.of("DRIFTSENTRY_FAULT_ERROR_RATE", "0.05", "DRIFTSENTRY_FAULT_ROUTES", "/api/v1/dashboard"));
        assertEquals("FAIL", run.verdict().get("outcome").asText(), run.output);
        assertEquals(1, run.exitCode);
        assertEquals("FAIL", run.line("global errorRate").get("outcome").asText());
        assertTrue(run.line("run completed").get("measured").asText().contains("error budget of 0%"), run.line("run completed").toString());
        JsonNode stop = run.line("stop reached the generators");
        assertEquals("PASS", stop.get("outcome").asText(), stop.toString());
        String window = run.line("global errorRate").get("window").asText();
        assertTrue(Double.parseDouble(window.substring(0, window.indexOf('s'))) < 30, "stopped far short of the 40 s hold: " + window);
        System.out.println("scaled-out abort: " + stop.get("measured").asText() + ", load window " + window);
    }

    @Test
    void aStallOnTwoPercentOfOneRouteFailsThatGroupsP99AsOneGeneratorWould() throws Exception {
        // LoadGateEndToEndTest's stall, made longer than this environment's 2 s bounds: the merged tail shows it.
        GatlingProcess run = GatlingProcess.run("ApiMixSimulation", Map.of("env", "scaled"), Map.of("DRIFTSENTRY_FAULT_LATENCY_MS", "3000",
                "DRIFTSENTRY_FAULT_LATENCY_RATIO", "0.02", "DRIFTSENTRY_FAULT_ROUTES", "/api/v1/drifts"));
        assertEquals("FAIL", run.verdict().get("outcome").asText(), run.output);
        JsonNode drifts = run.line("drifts p99");
        assertEquals("FAIL", drifts.get("outcome").asText(), drifts.toString());
        assertTrue(Double.parseDouble(drifts.get("measured").asText().replaceAll("[^0-9.]", "")) >= 3000, "the stall is in the merged p99: " + drifts);
        assertEquals("PASS", run.line("dashboard p99").get("outcome").asText(), "the other route's group passes");
        assertEquals("PASS", run.line("global errorRate").get("outcome").asText());
        assertEquals("PASS", run.line("generators").get("outcome").asText(), "every generator's evidence is in");
        assertEquals(1, run.exitCode);
    }

    @Test
    void aGeneratorKilledMidRunMakesTheRunInconclusiveNamingIt() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target"), "e2e-");
        Process coordinator = GatlingProcess.start("ApiMixSimulation", Map.of("env", "scaled", "gate.hold", "20s"), Map.of(), work);
        try {
            Path log = work.resolve("output.log");
            Path runDir = await("the coordinator to name its run").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> runDirectory(log), Optional::isPresent).orElseThrow();
            await("generator 1's first interval").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Files.exists(runDir.resolve("intervals/1/00000.json")));
            ProcessHandle one = coordinator.descendants().filter(h -> commandLine(h).contains("-Dgate.generator.index=1")).findFirst().orElseThrow();
            one.destroyForcibly();
            assertTrue(coordinator.waitFor(120, TimeUnit.SECONDS), "the coordinator ends");
            GatlingProcess run = GatlingProcess.finished(coordinator, work);
            assertEquals("INCONCLUSIVE", run.verdict().get("outcome").asText(), run.output);
            assertEquals(4, run.exitCode);
            JsonNode gap = run.line("generator 1 final evidence");
            assertTrue(gap.get("reason").asText().startsWith("generator 1 never wrote its final evidence (its last interval was interval "), gap.toString());
            assertTrue(run.output.contains("stop: generator 1 exited with "), "the others were stopped when it went: " + run.output);
        } finally {
            coordinator.descendants().forEach(ProcessHandle::destroyForcibly);
            coordinator.destroyForcibly();
        }
    }

    @Test
    void generatorsNotReadyInTimeEndTheRunInconclusiveWithNoLoadAndEveryGeneratorStopped() throws Exception {
        // A JVM takes seconds to start: neither generator can be ready within 100 ms.
        GatlingProcess run = GatlingProcess.run("ApiMixSimulation", Map.of("env", "scaled", "gate.generators", "2",
                "gate.generators.readyWithin", "100ms"), Map.of());
        assertEquals("INCONCLUSIVE", run.verdict().get("outcome").asText(), run.output);
        assertEquals(4, run.exitCode);
        JsonNode ready = run.line("generators ready");
        assertTrue(ready.get("reason").asText().startsWith("generator 0 was not ready within 0.1 s; generator 1 was not ready within 0.1 s; no load"),
                ready.toString());
        assertTrue(ready.get("reason").asText().endsWith("no load was sent, every generator was stopped"), ready.toString());
        String runId = run.output.replaceAll("(?s).*generators \\(local\\), run (\\S+) in .*", "$1");
        await("every generator of " + runId + " to be gone").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> ProcessHandle.allProcesses().noneMatch(h -> commandLine(h).contains("-Dgate.run=" + runId + " ")));
    }

    private static Optional<Path> runDirectory(Path log) throws java.io.IOException {
        Matcher m = Pattern.compile("generators \\(local\\), run \\S+ in (\\S+)").matcher(Files.exists(log) ? Files.readString(log) : "");
        return m.find() ? Optional.of(Path.of(m.group(1))) : Optional.empty();
    }

    private static String commandLine(ProcessHandle h) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(h.pid()), "cmdline"))).replace('\0', ' ');
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
