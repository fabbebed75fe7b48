package com.driftsentry.gate.driver;

import com.driftsentry.gate.driver.decision.RunRecord;
import com.driftsentry.gate.driver.ledger.LedgerEntry;
import com.driftsentry.gate.driver.decision.RunOutcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.driver.lock.Intent;
import com.driftsentry.gate.store.FileStore;
import com.driftsentry.gate.store.StageStore;
import com.driftsentry.gate.verdict.ExitCode;
import com.driftsentry.gate.verdict.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A deploy stopped at each of its steps: after its intent (inside the platform's deploy), while
 * waiting for stable, inside a gate, and during the rollback after a failed gate. SIGKILL is a run
 * frozen at the step for good: its thread never resumes, so no line after it runs (no finally, no
 * shutdown hook), as in a killed process, without a JVM per step; CrashRecoveryTest and
 * EcsDeployTest kill real driftgate processes. SIGTERM is the cancellation the driver's signal
 * handler raises, at the same steps: the runner restores the noted release by itself.
 */
class KilledAtEveryStepTest extends MemoryStageTest {

    /** A failed gate makes the "rollback" step happen; the others freeze or signal before any verdict. */
    private void arrange(String step, Runnable there) {
        platform.at = s -> {
            if (s.equals(step) || (step.equals("rollback") && s.equals("restore"))) {
                there.run();
            }
        };
        gates.add(gate("health", step.equals("rollback") ? Outcome.FAIL : Outcome.PASS, step.equals("gate") ? there : () -> { }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy", "stable", "gate", "rollback"})
    void killedTheOpenIntentNamesTheRunAndRecoverRestoresTheNotedReleaseVerified(String step) throws Exception {
        StageStore store = new FileStore(dir.resolve("state"));
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        arrange(step, () -> {
            reached.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                // a killed process does nothing more either: stay here
                Thread.currentThread().interrupt();
                while (true) {
                    Thread.onSpinWait();
                }
            }
        });
        StageRunner killed = runner("rollback").recordingIntents(Intents.in(store, "run-killed", "memory"));
        Thread run = new Thread(() -> killed.deploy(CANDIDATE), "killed-at-" + step);
        run.setDaemon(true);
        run.start();
        assertTrue(reached.await(30, TimeUnit.SECONDS), "the run reached " + step);

        Intent open = Intent.read(store).orElseThrow(() -> new AssertionError("no open intent after a kill at " + step));
        assertEquals("run-killed", open.runId());
        assertEquals("0.1.0", open.from().version(), "the release to restore is noted");
        assertEquals("0.2.0", open.to().version());

        platform.at = s -> { };
        ran.clear();
        Intents recovering = Intents.in(store, "run-recover", "memory");
        RunRecord recovered = runner("rollback").recordingIntents(recovering).recover(platform.serving().orElseThrow(), SERVING);
        recovering.close();
        assertEquals(RunOutcome.RECOVERED, recovered.outcome(), step + ": " + recovered.entry(Map.of(), 0));
        assertEquals(SERVING, platform.serving, "the noted release serves");
        assertEquals(List.of("verify 0.1.0"), ran, "and is verified");
        assertTrue(Intent.read(store).isEmpty(), "settled");
        assertTrue(run.isAlive(), "the killed run never went on");
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy", "stable", "gate", "rollback"})
    void cancelledTheRunRestoresTheNotedReleaseItselfAndRecordsTheSignal(String step) throws Exception {
        AtomicReference<String> signal = new AtomicReference<>();
        arrange(step, () -> signal.compareAndSet(null, "SIGTERM"));
        RunRecord run = runner("rollback").cancelledBy(new Cancellation() {
            @Override
            public Optional<String> by() {
                return Optional.ofNullable(signal.get());
            }

            @Override
            public void restoring() {
            }
        }).deploy(CANDIDATE);
        LedgerEntry entry = run.entry(Map.of(), 0);
        assertEquals(RunOutcome.ROLLED_BACK, run.outcome(), step + ": " + entry);
        assertEquals("SIGTERM", entry.interrupted(), "the record says why: " + entry);
        assertEquals("0.1.0", entry.serving());
        assertEquals(SERVING, platform.serving);
        assertTrue(ran.contains("verify 0.1.0"), "the restored release is verified: " + ran);
        assertTrue(platform.actions.stream().noneMatch(a -> a.startsWith("promote")), "nothing promoted: " + platform.actions);
        assertEquals(step.equals("rollback") ? ExitCode.FAILED : ExitCode.INCONCLUSIVE, run.exitCode(),
                "a failed gate stays a failure; a run cut short before its verdict is inconclusive");
    }
}
