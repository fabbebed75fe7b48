package com.driftsentry.gate.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.driver.lock.Intent;
import com.driftsentry.gate.store.StageStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The intent and the load evidence as every store keeps them (moto's and S3Mock's S3 through the real client among
 * them): an intent is seen until the run that opened it closes it, never closed by another run, and an unreadable one
 * still counts as open; the evidence history only grows, and a promotion's evidence becomes the baseline the next
 * run reads back byte for byte.
 */
class StageRecordsTest {
    private static final Intent.Release SERVING = new Intent.Release("driftsentry:0.4.0", "0.4.0", "arn:task-definition/driftsentry:4");
    private static final Intent.Release CANDIDATE = new Intent.Release("driftsentry:0.5.0", "0.5.0", null);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Stores.class)
    void anIntentStaysOpenUntilItsOwnRunClosesItAndATornOneIsStillOpen(Stores kind) throws Exception {
        try (StageStore store = kind.open(dir)) {
            Intent mine = intent("run-a");
            mine.open(store);
            assertEquals(SERVING, Intent.read(store).orElseThrow().from(), "the release to restore is kept whole");
            intent("run-b").close(store);
            assertEquals("run-a", Intent.read(store).orElseThrow().runId(), "another run's close leaves it open");
            mine.close(store);
            assertTrue(Intent.read(store).isEmpty());

            store.put("intent.json", "{\"runId\":\"run-c\",\"comm".getBytes(StandardCharsets.UTF_8));
            assertEquals("unknown", Intent.read(store).orElseThrow().runId(), "a torn intent: the stage's state is unknown");
            Intent.settle(store);
            assertTrue(Intent.read(store).isEmpty(), "recover settles it");
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void theEvidenceHistoryOnlyGrowsAndAPromotionsEvidenceIsTheNextRunsBaseline(Stores kind) throws Exception {
        try (StageStore store = kind.open(dir)) {
            StageEvidence evidence = new StageEvidence(store);
            assertTrue(evidence.baselineInto(dir.resolve("first")).isEmpty(), "before the first promotion there is none");
            Path run = loadRun(dir.resolve("promoted"), "{\"groups\":{\"drifts\":\"HISTfAAAA\"},\"run\":1}");
            String kept = evidence.keepAsBaseline(run).orElseThrow();
            assertTrue(kept.endsWith("baseline.json"), kept);
            evidence.record(run, "run-1").orElseThrow();
            evidence.record(loadRun(dir.resolve("later"), "{\"run\":2}"), "run-2").orElseThrow();

            List<String> history = store.list("evidence/");
            assertEquals(2, history.size(), history.toString());
            assertTrue(history.get(0).endsWith("-run-1.json") && history.get(1).endsWith("-run-2.json"), "in the order they ran: " + history);
            assertEquals(2, store.list("runs/").size(), "each with what the report's table shows of it");
            Path baseline = evidence.baselineInto(dir.resolve("next")).orElseThrow();
            assertArrayEquals(Files.readAllBytes(run.resolve("load/gate/1/evidence.json")), Files.readAllBytes(baseline));
        }
    }

    private static Intent intent(String runId) {
        return new Intent(runId, "deploy", "production", SERVING, CANDIDATE, Instant.parse("2026-12-05T02:00:00Z"), "runner-1", 4242, null);
    }

    /** A run's folder as the load gate leaves it: a verdict and its evidence side by side. */
    private static Path loadRun(Path workDir, String evidence) throws Exception {
        Path gate = Files.createDirectories(workDir.resolve("load/gate/1"));
        Files.writeString(gate.resolve("verdict.json"), "{\"outcome\":\"PASS\"}");
        Files.writeString(gate.resolve("evidence.json"), evidence);
        return workDir;
    }
}
