package com.driftsentry.gate.driver;

import com.driftsentry.gate.testing.Fixture;
import com.driftsentry.gate.driver.decision.RunOutcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.waiting.Waits;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * driftgate end to end on the embedded platform, as a pipeline runs it: a healthy candidate is
 * promoted and the gate command judges what serves without changing it; bad candidates are rejected
 * with the reason in the ledger while the serving release keeps serving (availability 100%,
 * version verified afterwards); no process outlives a command.
 */
class EmbeddedDeployTest {
    // A real key's shape; the suites' deliberately unknown keys (smokeNoKey, smokeGuess, contractNo...) are not secrets.
    private static final Pattern KEY = Pattern.compile("dsk_[A-Za-z0-9]{10}_[A-Za-z0-9]{32}");
    private static final Pattern FAKE_KEY = Pattern.compile("dsk_(smoke|contract)[A-Za-z]*_0*\\d*");

    @TempDir
    Path dir;

    @AfterEach
    void noProcessIsLeftBehind() {
        // A process still exiting on a loaded machine is given time; one that stays is a leak, named.
        Supplier<List<String>> left = () -> ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(dir.toString()))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
        try {
            Waits.await("the commands' processes to end").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> left.get().isEmpty());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("processes left behind: " + left.get());
        }
    }

    @Test
    void aHealthyCandidateIsPromotedAndTheGateCommandJudgesItWithoutChangingIt() throws Exception {
        DriftgateProcess.stage(dir);
        DriftgateProcess deploy = DriftgateProcess.run(dir, Map.of(), "deploy", "--env", "drive", "--image", "0.2.0");
        assertEquals(0, deploy.exitCode, deploy.output);
        JsonNode promoted = DriftgateProcess.ledger(dir).get(0);
        assertEquals(RunOutcome.PROMOTED.name(), promoted.get("outcome").asText());
        assertEquals("0.2.0", promoted.get("serving").asText());
        assertGates(promoted, "health", "smoke", "contract", "load", "smoke", "health", "availability");
        assertFullAvailability(promoted);
        JsonNode contract = lastOfGate(promoted, "contract");
        assertFalse(contract.toString().contains("throttled"), "the smoke ratelimit suite runs after the contract gate, never before: " + contract);
        assertTrue(lastOfGate(promoted, "smoke").toString().contains("smoke ratelimit"), "the ratelimit suite ran, last");
        // The promotion goes on while Gatling writes its report; the command ends only once the report is written.
        try (Stream<Path> files = Files.walk(dir.resolve("target/driftgate"))) {
            Path log = files.filter(f -> f.endsWith(Path.of("load", "gatling.log"))).findFirst().orElseThrow();
            assertTrue(Files.readString(log).contains("Reports generated"), "Gatling's report when the deploy ended: " + Files.readString(log));
        }

        // The rollback command on this platform: BaselineDeployTest (from a fresh checkout, verified) and CrashRecoveryTest.
        DriftgateProcess gate = DriftgateProcess.run(dir, Map.of(), "gate", "--env", "drive");
        assertEquals(0, gate.exitCode, gate.output);
        JsonNode gated = DriftgateProcess.ledger(dir).get(1);
        assertEquals(RunOutcome.PASS.name(), gated.get("outcome").asText());
        assertEquals("0.2.0", gated.get("serving").asText(), "gating changes nothing");
        assertGates(gated, "health", "smoke", "contract", "load", "smoke");

        DriftgateProcess status = DriftgateProcess.run(dir, Map.of(), "status", "--env", "drive", "--json");
        assertTrue(status.output.contains("\"serving\" : \"0.2.0\"") && status.output.contains("\"previous\" : \"0.1.0\""), status.output);
        String everything = deploy.output + gate.output + Files.readString(dir.resolve("target/state/drive/ledger.jsonl"));
        List<String> keys = KEY.matcher(everything).results().map(m -> m.group()).filter(k -> !FAKE_KEY.matcher(k).matches()).toList();
        assertTrue(keys.isEmpty(), "API keys shown in the output or the ledger: " + keys.size());
    }


    static Stream<Arguments> badCandidates() {
        return Stream.of(
                Arguments.of("5% errors on one route", List.of("DRIFTSENTRY_FAULT_ERROR_RATE=0.05", "DRIFTSENTRY_FAULT_ROUTES=/api/v1/dashboard"),
                        "errorRate"),
                // A latency bound's FAIL is the load gate's own (LoadGateEndToEndTest); here one failing load gate is enough.
                Arguments.of("never ready", List.of("DRIFTSENTRY_FAULT_NEVER_READY=true"), "was not ready within 12 s"),
                Arguments.of("crashes after start", List.of("DRIFTSENTRY_FAULT_CRASH_AFTER_S=9"), "exited"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCandidates")
    void aBadCandidateIsRejectedAndThePreviousReleaseServes(String what, List<String> settings, String reason) throws Exception {
        DriftgateProcess.stage(dir);
        // What rejects these is the load gate or the platform: the suites, proven in the healthy case, are left out (they only cost time here).
        DriftgateProcess.fewerGates(dir, true);
        if (what.equals("never ready")) {
            // What is proven is that it is never promoted; how long it is waited for is the environment's choice.
            Path env = dir.resolve("environments/drive.yaml");
            Files.writeString(env, Fixture.edit(Files.readString(env), "stableTimeout: 20s", "stableTimeout: 12s"));
        }
        List<String> args = new java.util.ArrayList<>(List.of("deploy", "--env", "drive", "--image", "0.3.0"));
        settings.forEach(s -> args.addAll(List.of("--candidate-env", s)));
        DriftgateProcess deploy = DriftgateProcess.run(dir, Map.of(), args.toArray(String[]::new));
        assertEquals(1, deploy.exitCode, deploy.output);
        JsonNode entry = DriftgateProcess.ledger(dir).get(0);
        assertEquals(RunOutcome.ROLLED_BACK.name(), entry.get("outcome").asText(), entry.toString());
        assertEquals("0.1.0", entry.get("serving").asText());
        assertTrue(entry.toString().contains(reason), what + ": the ledger should say '" + reason + "': " + entry.get("reason"));
        JsonNode verified = lastOfGate(entry, "health");
        assertTrue(verified.get("lines").get(0).get("measured").asText().contains("version 0.1.0"), "the previous release is verified: " + verified);
        assertFullAvailability(entry);
    }

    @Test
    void badInputChangesNothingAndSaysWhatToFixOnOneLine() throws Exception {
        DriftgateProcess.stage(dir);
        for (List<String> args : List.of(List.of("deploy", "--env", "nowhere", "--image", "0.2.0"),
                List.of("deploy", "--env", "drive", "--image", "not an image"),
                List.of("deploy", "--env", "drive", "--image", "0.1.0"),
                List.of("deploy", "--env", "drive", "--image", "0.2.0", "--candidate-env", "lower=1"),
                List.of("rollback", "--env", "drive"),
                List.of("deploy", "--env", "drive"))) {
            DriftgateProcess p = DriftgateProcess.run(dir, Map.of(), args.toArray(String[]::new));
            assertEquals(3, p.exitCode, args + ": " + p.output);
            assertTrue(p.output.strip().lines().count() <= 2 && p.output.startsWith("driftgate"), args + ": " + p.output);
        }
        assertTrue(Files.notExists(dir.resolve("target/state/drive/ledger.jsonl")), "bad input wrote to the ledger");
        DriftgateProcess plan = DriftgateProcess.run(dir, Map.of(), "deploy", "--env", "drive", "--image", "0.2.0", "--dry-run");
        assertEquals(0, plan.exitCode, plan.output);
        assertTrue(plan.output.contains("threshold global errorRate <= 0%") && plan.output.contains("start candidate 0.2.0"), plan.output);
        assertTrue(Files.notExists(dir.resolve("target/state/drive/ledger.jsonl")), "a dry run wrote to the ledger");
    }

    static void assertGates(JsonNode entry, String... gates) {
        List<String> seen = new java.util.ArrayList<>();
        entry.get("verdicts").forEach(v -> seen.add(v.get("gate").asText()));
        assertEquals(List.of(gates), seen);
    }

    static void assertFullAvailability(JsonNode entry) {
        JsonNode availability = lastOfGate(entry, "availability");
        assertEquals("PASS", availability.get("outcome").asText(), availability.toString());
        assertTrue(availability.get("lines").get(0).get("measured").asText().startsWith("100.00%"), availability.toString());
    }

    static JsonNode lastOfGate(JsonNode entry, String gate) {
        JsonNode found = null;
        for (JsonNode v : entry.get("verdicts")) {
            if (v.get("gate").asText().equals(gate)) {
                found = v;
            }
        }
        assertTrue(found != null, "no " + gate + " verdict in " + entry);
        return found;
    }
}
