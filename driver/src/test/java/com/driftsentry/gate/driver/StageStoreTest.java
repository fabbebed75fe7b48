package com.driftsentry.gate.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.driver.ledger.Ledger;
import com.driftsentry.gate.store.S3Store;
import com.driftsentry.gate.store.StageStore;
import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.environment.DeployConfig;
import com.driftsentry.gate.environment.Masker;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The stage store's promise, on every kind: a folder, S3Mock through the real AWS SDK S3 client,
 * and the project's S3 stand-in. The races (many writers at once) run on the folder and the
 * stand-in only: S3Mock 4.11.0 checks a condition and writes without a lock, so racing creates can
 * all succeed there (measured, see docs/driver.md); real S3 and the stand-in make it one step.
 */
class StageStoreTest {
    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void conditionalWritesSucceedOnlyOnTheVersionRead(Stores kind) throws Exception {
        try (StageStore store = kind.open(dir)) {
            assertTrue(store.read("lock.json").isEmpty());
            assertTrue(store.create("lock.json", b("one")), "created when absent");
            assertFalse(store.create("lock.json", b("two")), "If-None-Match: a second create loses");
            StageStore.Stored one = store.read("lock.json").orElseThrow();
            assertEquals("one", new String(one.body(), StandardCharsets.UTF_8), "the loser wrote nothing");
            assertTrue(store.replace("lock.json", b("three"), one.version()), "If-Match on the version read");
            assertFalse(store.replace("lock.json", b("four"), one.version()), "a stale version loses");
            StageStore.Stored three = store.read("lock.json").orElseThrow();
            assertEquals("three", new String(three.body(), StandardCharsets.UTF_8));
            assertFalse(store.delete("lock.json", one.version()), "a stale delete loses");
            assertTrue(store.read("lock.json").isPresent());
            assertTrue(store.delete("lock.json", three.version()));
            assertTrue(store.read("lock.json").isEmpty());
            assertTrue(store.delete("lock.json", three.version()), "a delete of what is gone is done");
            assertFalse(store.replace("lock.json", b("five"), three.version()), "a replace of what is gone is not");
            assertTrue(store.read("lock.json").isEmpty(), "and writes nothing");
            store.put("evidence/20261201T000000Z-b.json", b("{}"));
            store.put("evidence/20261201T000000Z-a.json", b("{}"));
            store.put("baseline.json", b("{}"));
            assertEquals(List.of("evidence/20261201T000000Z-a.json", "evidence/20261201T000000Z-b.json"), store.list("evidence/"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Stores.class, names = {"FILE", "S3_STANDIN"})
    void ofManyCreatesStartedTogetherExactlyOneWins(Stores kind) throws Exception {
        try (StageStore store = kind.open(dir)) {
            for (int round = 0; round < 5; round++) {
                String key = "race-" + round + ".json";
                assertEquals(1, together(16, i -> store.create(key, b("writer " + i))).stream().filter(w -> w).count(), "round " + round);
            }
        }
    }

    /** The folder store across processes (two pipelines on one machine): the OS lock decides, not a monitor of one JVM. */
    @Test
    void ofFourProcessesCreatingTogetherInAFolderExactlyOneWins() throws Exception {
        Path root = dir.resolve("race/state");
        List<Process> racers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            racers.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m", "-cp",
                    System.getProperty("java.class.path"), StoreRace.class.getName(), root.toString()).redirectErrorStream(true).start());
        }
        Path ready = root.resolveSibling("ready");
        org.awaitility.Awaitility.await("four racers at the line").atMost(java.time.Duration.ofSeconds(60))
                .until(() -> java.nio.file.Files.isDirectory(ready) && ready.toFile().list().length == 4);
        java.nio.file.Files.createDirectories(root);
        java.nio.file.Files.writeString(root.resolveSibling("start"), "go");
        List<String> said = new ArrayList<>();
        for (Process p : racers) {
            assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "a racer did not finish");
            said.add(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        }
        assertEquals(1, said.stream().filter("won"::equals).count(), "exactly one won: " + said);
        assertEquals(3, said.stream().filter("lost"::equals).count(), "the others lost: " + said);
    }

    @ParameterizedTest
    @EnumSource(value = Stores.class, names = {"FILE", "S3_STANDIN"})
    void appendsFromManyWritersAtOnceLoseNoEntry(Stores kind) throws Exception {
        try (StageStore store = kind.open(dir)) {
            Ledger ledger = new Ledger(store, new Masker());
            together(8, writer -> {
                for (int i = 0; i < 5; i++) {
                    ledger.append(LedgerTest.entry("deploy", null, "writer " + writer, null, "append " + i));
                }
                return true;
            });
            assertEquals(40, ledger.entries().size(), "every append of every writer is there");
        }
    }

    @Test
    void theOneAwsEndpointOverrideReachesTheStoreWhenTheEnvironmentNamesNone() throws Exception {
        DeployConfig.State noEndpoint = new DeployConfig.State("s3", null, S3MockServer.BUCKET, UUID.randomUUID() + "/", "us-east-1",
                Optional.empty(), Optional.empty());
        System.setProperty("gate.aws.endpoint", S3MockServer.get().endpoint());
        try (StageStore store = S3Store.open(noEndpoint)) {
            assertTrue(store.create("lock.json", b("one")), "GATE_AWS_ENDPOINT / -Dgate.aws.endpoint points the store at the peer too");
            assertEquals("one", new String(store.read("lock.json").orElseThrow().body(), StandardCharsets.UTF_8));
        } finally {
            System.clearProperty("gate.aws.endpoint");
        }
    }

    @Test
    void anUnreachableOrMissingBucketIsOneLineNamingTheStoreAndTheFix() throws Exception {
        DeployConfig.State nowhere = new DeployConfig.State("s3", null, "no-such-bucket", "p/", "us-east-1",
                Optional.of(URI.create(S3MockServer.get().endpoint())), Optional.empty());
        try (StageStore store = S3Store.open(nowhere)) {
            ConfigError e = assertThrows(ConfigError.class, () -> store.read("ledger.jsonl"));
            assertTrue(e.getMessage().contains("s3://no-such-bucket/p/ledger.jsonl: NoSuchBucket (HTTP 404)") && e.getMessage().contains("create the bucket"),
                    e.getMessage());
        }
        DeployConfig.State closed = new DeployConfig.State("s3", null, "b", "p/", "us-east-1", Optional.of(URI.create("http://127.0.0.1:9")), Optional.empty());
        try (StageStore store = S3Store.open(closed)) {
            ConfigError e = assertThrows(ConfigError.class, () -> store.read("ledger.jsonl"));
            assertTrue(e.getMessage().contains("cannot be reached") && !e.getMessage().contains("\n"), e.getMessage());
        }
    }

    private interface Writer {
        boolean write(int i) throws Exception;
    }

    /** {@code n} writers released at one instant; what each one's write returned. */
    private static List<Boolean> together(int n, Writer writer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int id = i;
                results.add(pool.submit(() -> {
                    start.await();
                    return writer.write(id);
                }));
            }
            start.countDown();
            List<Boolean> won = new ArrayList<>();
            for (Future<Boolean> f : results) {
                won.add(f.get());
            }
            return won;
        } finally {
            pool.shutdownNow();
        }
    }
}
