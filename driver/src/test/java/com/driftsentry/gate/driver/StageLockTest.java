package com.driftsentry.gate.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.driver.lock.StageLock;
import com.driftsentry.gate.store.StageStore;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The stage lock's rules on every kind of store, with a clock the test moves: one holder, stale locks taken over, unlock, torn objects. */
class StageLockTest {
    private static final Duration EXPIRY = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-02T01:00:00Z"));
    private StageStore store;

    @AfterEach
    void closeStore() {
        store.close();
    }

    private StageLock take(String runId) {
        return StageLock.acquire(store, StageLock.Holder.me(runId, "deploy", now.get()), EXPIRY, now::get, new StringBuilder());
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void aSecondCommandIsRefusedNamingTheHolderAndGetsItOnceReleased(Stores kind) throws Exception {
        store = kind.open(dir);
        try (StageLock first = take("run-a")) {
            StageLock.Busy busy = assertThrows(StageLock.Busy.class, () -> take("run-b"));
            assertEquals("run-a", busy.holder().runId());
            assertTrue(busy.getMessage().contains("deploy run run-a on ") && busy.getMessage().contains("(pid " + ProcessHandle.current().pid() + ")")
                    && busy.getMessage().contains("since 2026-12-02T01:00:00Z") && busy.getMessage().contains("driftgate unlock"), busy.getMessage());
            assertEquals(1, busy.getMessage().lines().count());
        }
        try (StageLock second = take("run-b")) {
            assertEquals("run-b", StageLock.holder(store).orElseThrow().runId());
        }
        assertTrue(StageLock.holder(store).isEmpty(), "released when the command ends");
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void aLockNotRenewedForItsExpiryIsTakenOverAndTheTakeoverSaysWhose(Stores kind) throws Exception {
        store = kind.open(dir);
        StageLock dead = take("run-dead");
        now.set(now.get().plus(EXPIRY).minusSeconds(1));
        assertThrows(StageLock.Busy.class, () -> take("run-early"), "still within its expiry");
        now.set(now.get().plusSeconds(2));
        StringBuilder tookOver = new StringBuilder();
        try (StageLock next = StageLock.acquire(store, StageLock.Holder.me("run-next", "rollback", now.get()), EXPIRY,
                now::get, tookOver)) {
            assertTrue(tookOver.toString().startsWith("deploy run run-dead"), tookOver.toString());
            dead.close();
            assertEquals("run-next", StageLock.holder(store).orElseThrow().runId(), "the old holder's close leaves a lock that is not its own");
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void unlockBreaksAnyHolderAndATornLockFileHoldsNothing(Stores kind) throws Exception {
        store = kind.open(dir);
        StageLock held = take("run-a");
        assertEquals("run-a", StageLock.breakLock(store).orElseThrow().runId());
        try (StageLock next = take("run-b")) {
            assertTrue(next.held());
        }
        held.close();
        store.put("lock.json", "{\"runId\":\"run-c\",\"comm".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (StageLock after = take("run-d")) {
            assertEquals("run-d", StageLock.holder(store).orElseThrow().runId());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Stores.class, names = {"FILE", "S3_STANDIN"})
    void ofEightCommandsStartedInTheSameInstantExactlyOneHoldsTheStage(Stores kind) throws Exception {
        store = kind.open(dir);
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
        assertTrue(StageLock.holder(store).isEmpty());
    }
}
