package com.driftsentry.gate.driver;

import com.driftsentry.gate.driver.decision.RunOutcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driver killed with SIGKILL in the middle of a deploy (nothing of it can run): the intent it
 * wrote before changing anything stays open, status names it, deploy refuses (exit 5) until
 * recover has restored the noted release and verified it, and the ledger tells the whole story.
 */
class CrashRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void aDeployCancelledDuringTheLoadGateRestoresTheNotedReleaseByItselfWithinTheDeadline() throws Exception {
        DriftgateProcess.stage(dir);
        DriftgateProcess.fewerGates(dir, true);
        // Signalled once the load generator has started loading, not a guessed time after the gate began.
        CompletableFuture<Long> signalled = DriftgateProcess.onceLogged(dir, "deploy", "(load)", () -> DriftgateProcess.loading(dir), () -> {
            ProcessHandle driver = DriftgateProcess.running(dir, "deploy").orElseThrow();
            long at = System.nanoTime();
            driver.destroy();
            driver.onExit().get(60, TimeUnit.SECONDS);
            return System.nanoTime() - at;
        });
        DriftgateProcess deploy = DriftgateProcess.run(dir, Map.of(), "deploy", "--env", "drive", "--image", "0.2.0");
        long nanos = signalled.get(10, TimeUnit.SECONDS);
        assertTrue(nanos > 0, "signalled: " + nanos);
        // Ended by itself within the deadline: the deadline's own exit is 143 with the intent left open, so the exit
        // code and the ledger say which way it went (the milliseconds are printed, not bounded: a loaded machine moves them).
        assertEquals(4, deploy.exitCode, "ended by itself, not by the " + Interruption.DEADLINE.toSeconds() + " s deadline: " + deploy.output);
        JsonNode entry = DriftgateProcess.ledger(dir).get(0);
        assertEquals(RunOutcome.ROLLED_BACK.name(), entry.get("outcome").asText(), entry.toString());
        assertEquals("SIGTERM", entry.get("interrupted").asText());
        assertEquals("0.1.0", entry.get("serving").asText());
        assertTrue(entry.get("reason").asText().contains("cancelled by SIGTERM"), entry.get("reason").asText());
        assertTrue(EmbeddedDeployTest.lastOfGate(entry, "health").get("lines").get(0).get("measured").asText().contains("version 0.1.0"),
                "the noted release is verified: " + entry);
        String status = DriftgateProcess.run(dir, Map.of(), "status", "--env", "drive").output;
        assertTrue(status.contains("intent:      none open") && status.contains("lock:        free"), status);
        System.out.println("SIGTERM during the load gate to exit: " + nanos / 1_000_000 + " ms");
    }

    @Test
    void aDeployKilledDuringTheLoadGateIsSeenRefusedAndRecovered() throws Exception {
        DriftgateProcess.stage(dir);
        DriftgateProcess.fewerGates(dir, true);
        CompletableFuture<String> killed = DriftgateProcess.onceLogged(dir, "deploy", "(load)", () -> true, () -> {
            ProcessHandle driver = DriftgateProcess.running(dir, "deploy").orElseThrow();
            new ProcessBuilder("kill", "-KILL", Long.toString(driver.pid())).start().waitFor();
            return "killed " + driver.pid();
        });
        DriftgateProcess deploy = DriftgateProcess.run(dir, Map.of(), "deploy", "--env", "drive", "--image", "0.2.0");
        assertTrue(killed.get(10, TimeUnit.SECONDS).startsWith("killed"), killed.get());
        assertEquals(137, deploy.exitCode, deploy.output);
        assertTrue(DriftgateProcess.ledger(dir).isEmpty(), "a killed run wrote no entry");

        DriftgateProcess status = DriftgateProcess.run(dir, Map.of(), "status", "--env", "drive", "--json");
        assertEquals(0, status.exitCode, status.output);
        JsonNode intent = new ObjectMapper().readTree(status.output.substring(status.output.indexOf('{'))).get("openIntent");
        assertEquals("deploy", intent.get("command").asText(), status.output);
        assertEquals("0.1.0", intent.get("from").get("version").asText());
        assertEquals("0.2.0", intent.get("to").get("version").asText());

        DriftgateProcess refused = DriftgateProcess.run(dir, Map.of(), "deploy", "--env", "drive", "--image", "0.3.0");
        assertEquals(5, refused.exitCode, refused.output);
        assertTrue(refused.output.contains("an interrupted command left an open intent: deploy run") && refused.output.contains("driftgate recover --env drive"),
                refused.output);
        assertTrue(refused.output.contains("took over the stage lock of deploy run") && refused.output.contains("its process is gone"),
                "the dead run's lock needs no waiting: " + refused.output);
        assertTrue(DriftgateProcess.ledger(dir).isEmpty(), "the refused deploy wrote nothing");

        DriftgateProcess recover = DriftgateProcess.run(dir, Map.of(), "recover", "--env", "drive");
        assertEquals(0, recover.exitCode, recover.output);
        List<JsonNode> ledger = DriftgateProcess.ledger(dir);
        assertEquals(1, ledger.size());
        JsonNode entry = ledger.get(0);
        assertEquals(RunOutcome.RECOVERED.name(), entry.get("outcome").asText(), entry.toString());
        assertEquals("0.1.0", entry.get("serving").asText());
        assertTrue(entry.get("reason").asText().startsWith("recovered from the interrupted deploy run " + intent.get("runId").asText()), entry.toString());
        assertTrue(EmbeddedDeployTest.lastOfGate(entry, "health").get("lines").get(0).get("measured").asText().contains("version 0.1.0"),
                "the noted release is verified: " + entry);

        String after = DriftgateProcess.run(dir, Map.of(), "status", "--env", "drive").output;
        assertTrue(after.contains("intent:      none open") && after.contains("lock:        free"), after);
        assertTrue(DriftgateProcess.run(dir, Map.of(), "recover", "--env", "drive").output.contains("nothing to recover"));
    }
}
