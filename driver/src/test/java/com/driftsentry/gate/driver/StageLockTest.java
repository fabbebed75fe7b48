package com.driftsentry.gate.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.driver.lock.StageLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stage lock's rules, with a clock the test moves: one holder, stale locks taken over, unlock, torn files. */
class StageLockTest {
    private static final Duration EXPIRY = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-02T01:00:00Z"));

    private StageLock take(String runId) {
        return StageLock.acquire(dir.resolve("stage.jsonl.lock"), StageLock.Holder.me(runId, "deploy", now.get()), EXPIRY, now::get, new StringBuilder());
    }

    @Test
    void aSecondCommandIsRefusedNamingTheHolderAndGetsItOnceReleased() {
        try (StageLock first = take("run-a")) {
            StageLock.Busy busy = assertThrows(StageLock.Busy.class, () -> take("run-b"));
            assertEquals("run-a", busy.holder().runId());
            assertTrue(busy.getMessage().contains("deploy run run-a on ") && busy.getMessage().contains("(pid " + ProcessHandle.current().pid() + ")")
                    && busy.getMessage().contains("since 2026-12-02T01:00:00Z") && busy.getMessage().contains("driftgate unlock"), busy.getMessage());
            assertEquals(1, busy.getMessage().lines().count());
        }
        try (StageLock second = take("run-b")) {
            assertEquals("run-b", StageLock.holder(dir.resolve("stage.jsonl.lock")).orElseThrow().runId());
        }
        assertTrue(StageLock.holder(dir.resolve("stage.jsonl.lock")).isEmpty(), "released when the command ends");
    }

    @Test
    void aLockNotRenewedForItsExpiryIsTakenOverAndTheTakeoverSaysWhose() {
        StageLock dead = take("run-dead");
        now.set(now.get().plus(EXPIRY).minusSeconds(1));
        assertThrows(StageLock.Busy.class, () -> take("run-early"), "still within its expiry");
        now.set(now.get().plusSeconds(2));
        StringBuilder tookOver = new StringBuilder();
        try (StageLock next = StageLock.acquire(dir.resolve("stage.jsonl.lock"), StageLock.Holder.me("run-next", "rollback", now.get()), EXPIRY,
                now::get, tookOver)) {
            assertTrue(tookOver.toString().startsWith("deploy run run-dead"), tookOver.toString());
            dead.close();
            assertEquals("run-next", StageLock.holder(dir.resolve("stage.jsonl.lock")).orElseThrow().runId(), "the old holder's close leaves a lock that is not its own");
        }
    }

    @Test
    void unlockBreaksAnyHolderAndATornLockFileHoldsNothing() throws Exception {
        StageLock held = take("run-a");
        assertEquals("run-a", StageLock.breakLock(dir.resolve("stage.jsonl.lock")).orElseThrow().runId());
        try (StageLock next = take("run-b")) {
            assertTrue(next.held());
        }
        held.close();
        Files.writeString(dir.resolve("stage.jsonl.lock"), "{\"runId\":\"run-c\",\"comm");
        try (StageLock after = take("run-d")) {
            assertEquals("run-d", StageLock.holder(dir.resolve("stage.jsonl.lock")).orElseThrow().runId());
        }
    }

    @Test
    void ofEightCommandsStartedInTheSameInstantExactlyOneHoldsTheStage() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<StageLock>> tries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String runId = "run-" + i;
            tries.add(pool.submit(() -> {
                start.await();
                return take(runId);
            }));
        }
        start.countDown();
        List<StageLock> held = new ArrayList<>();
        int refused = 0;
        for (Future<StageLock> f : tries) {
            try {
                held.add(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                assertTrue(e.getCause() instanceof StageLock.Busy, e.getCause().toString());
                refused++;
            }
        }
        pool.shutdown();
        assertEquals(1, held.size());
        assertEquals(7, refused);
        held.get(0).close();
        assertFalse(Files.exists(dir.resolve("stage.jsonl.lock")));
    }
}
