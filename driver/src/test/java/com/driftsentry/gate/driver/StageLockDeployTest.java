package com.driftsentry.gate.driver;

import com.driftsentry.gate.driver.decision.RunOutcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.driver.lock.StageLock;
import com.driftsentry.gate.store.FileStore;
import com.driftsentry.gate.store.StageStore;
import com.driftsentry.gate.store.StageStores;
import com.driftsentry.gate.environment.DeployConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stage lock as pipelines meet it: driftgate in its own JVMs on the embedded platform. */
class StageLockDeployTest {
    @TempDir
    Path dir;

    /**
     * Two checkouts (two pipelines on two runners) share the stage through its S3 store (the
     * project's stand-in: neither S3Mock's nor moto's conditional writes are atomic). On a folder the same race is
     * StageStoreTest's four processes and StageLockTest's eight threads.
     */
    @Test
    void ofTwoDeploysStartedTogetherExactlyOneRunsAndTheOtherChangesNothing() throws Exception {
        DriftgateProcess.stage(dir);
        DriftgateProcess.fewerGates(dir, false);
        DeployConfig.State state = Stores.S3_STANDIN.fresh(dir);
        DriftgateProcess.useStore(dir, state);
        Path other = Files.createDirectories(dir.resolve("other"));
        CompletableFuture<DriftgateProcess> a = CompletableFuture.supplyAsync(() -> deploy(dir, "0.2.0"));
        CompletableFuture<DriftgateProcess> b = CompletableFuture.supplyAsync(() -> deploy(other, "0.3.0"));
        List<DriftgateProcess> both = List.of(a.get(), b.get());
        DriftgateProcess ran = both.stream().filter(p -> p.exitCode != 5).findFirst().orElseThrow(() -> new AssertionError("both refused: " + both.get(0).output));
        DriftgateProcess refused = both.stream().filter(p -> p.exitCode == 5).findFirst().orElseThrow(() -> new AssertionError("both ran: " + ran.output));
        assertEquals(0, ran.exitCode, ran.output);
        assertEquals(1, refused.output.strip().lines().count(), "one line: " + refused.output);
        assertTrue(refused.output.contains("driftgate: drive: the stage is busy: deploy run ") && refused.output.contains("holds its lock"), refused.output);
        try (StageStore store = StageStores.open(state)) {
            List<JsonNode> ledger = DriftgateProcess.ledger(store);
            assertEquals(1, ledger.size(), "the refused deploy wrote nothing: " + ledger);
            assertEquals(RunOutcome.PROMOTED.name(), ledger.get(0).get("outcome").asText());
            assertTrue(StageLock.holder(store).isEmpty(), "released at the end");
        }
    }

    @Test
    void unlockBreaksALockWhoseRunnerIsGoneAndTheLedgerSaysWhose() throws Exception {
        DriftgateProcess.stage(dir);
        StageLock.acquire(new FileStore(dir.resolve("target/state/drive")), new StageLock.Holder("deadbeef", "deploy", "ci-runner-7", 4242, Instant.now(), Instant.now()),
                StageLock.EXPIRY, Instant::now, new StringBuilder());
        DriftgateProcess busy = DriftgateProcess.run(dir, Map.of(), "deploy", "--env", "drive", "--image", "0.2.0");
        assertEquals(5, busy.exitCode, busy.output);
        assertTrue(busy.output.contains("deploy run deadbeef on ci-runner-7 (pid 4242)"), busy.output);
        DriftgateProcess status = DriftgateProcess.run(dir, Map.of(), "status", "--env", "drive");
        assertTrue(status.output.contains("lock:        held by deploy run deadbeef"), status.output);

        DriftgateProcess unlock = DriftgateProcess.run(dir, Map.of(), "unlock", "--env", "drive");
        assertEquals(0, unlock.exitCode, unlock.output);
        JsonNode entry = DriftgateProcess.ledger(dir).get(0);
        assertEquals(RunOutcome.UNLOCKED.name(), entry.get("outcome").asText());
        assertTrue(entry.get("reason").asText().contains("deploy run deadbeef on ci-runner-7"), entry.toString());
        assertTrue(entry.hasNonNull("who"), "who broke it");
        assertTrue(entry.get("serving").isNull(), "an unlock changes no release");
        assertTrue(DriftgateProcess.run(dir, Map.of(), "status", "--env", "drive").output.contains("lock:        free"));
        assertTrue(DriftgateProcess.run(dir, Map.of(), "unlock", "--env", "drive").output.contains("nothing to unlock"));
    }

    /** A second checkout: the same environment files, so the same store. */
    private DriftgateProcess deploy(Path workDir, String image) {
        try {
            if (!workDir.equals(dir)) {
                Path envs = Files.createDirectories(workDir.resolve("environments"));
                Files.writeString(envs.resolve("local.yaml"), Files.readString(dir.resolve("environments/local.yaml")));
                Files.writeString(envs.resolve("drive.yaml"), Files.readString(dir.resolve("environments/drive.yaml")));
            }
            return DriftgateProcess.run(workDir, Map.of(), "deploy", "--env", "drive", "--image", image);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
