package com.driftsentry.gate.driver;

import com.driftsentry.gate.testing.Fixture;
import com.driftsentry.gate.driver.decision.RunOutcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.store.StageStore;
import com.driftsentry.gate.store.StageStores;
import com.driftsentry.gate.environment.DeployConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pipelines run on fresh runners: the stage lives in its store (S3Mock here, through the real AWS
 * SDK S3 client), never in a checkout. A stage's first deploy has nothing to compare with: with
 * {@code baseline: { whenMissing: notJudged }} its regression line (an error rate's here:
 * deterministic on a healthy release, unlike a percentile on a shared machine) is NOT JUDGED and the
 * release is promoted; its load evidence becomes the stage's baseline, the next deploy from another
 * checkout is judged against it with no path in the file, and a third checkout rolls back to the first.
 */
class BaselineDeployTest {
    @TempDir
    Path dir;

    @Test
    void freshCheckoutsShareTheStageThroughItsStoreFromTheFirstPromotionToARollback() throws Exception {
        DeployConfig.State state = Stores.S3MOCK.fresh(dir);
        DriftgateProcess first = DriftgateProcess.run(checkout("first", state), Map.of(), "deploy", "--env", "drive", "--image", "0.2.0");
        assertEquals(0, first.exitCode, first.output);
        try (StageStore store = StageStores.open(state)) {
            JsonNode line = regressionLine(DriftgateProcess.ledger(store).get(0));
            assertEquals("NOT_JUDGED", line.get("outcome").asText(), line.toString());
            assertTrue(line.get("reason").asText().contains("no promoted release to compare with yet"), line.toString());
            assertTrue(first.output.contains("NOT JUDGED"), "shown as people read it: " + first.output);
            assertTrue(store.read("baseline.json").isPresent(), "the promoted run's evidence is kept in the store");

            DriftgateProcess second = DriftgateProcess.run(checkout("second", state), Map.of(), "deploy", "--env", "drive", "--image", "0.3.0");
            assertEquals(0, second.exitCode, second.output);
            JsonNode judged = regressionLine(DriftgateProcess.ledger(store).get(1));
            assertEquals("PASS", judged.get("outcome").asText(), judged.toString());
            assertTrue(judged.get("measured").asText().contains("vs baseline"), "judged against the first deploy's evidence: " + judged);
            assertEquals(2, store.list("evidence/").size(), "each promoted run's evidence joins the history: " + store.list("evidence/"));
            String secondRun = new String(store.read(store.list("runs/").get(1)).orElseThrow().body(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(secondRun.contains("\"verdict\":\"PASS\""), "and what the report's table shows of it: " + secondRun);

            DriftgateProcess rollback = DriftgateProcess.run(checkout("third", state), Map.of(), "rollback", "--env", "drive");
            assertEquals(0, rollback.exitCode, rollback.output);
            List<JsonNode> ledger = DriftgateProcess.ledger(store);
            assertEquals(List.of(RunOutcome.PROMOTED.name(), RunOutcome.PROMOTED.name(), RunOutcome.ROLLED_BACK.name()), ledger.stream().map(e -> e.get("outcome").asText()).toList());
            assertEquals("0.2.0", ledger.get(2).get("serving").asText(), "the first release serves again");
            assertTrue(EmbeddedDeployTest.lastOfGate(ledger.get(2), "health").toString().contains("version 0.2.0"), "verified: " + ledger.get(2));
            assertTrue(rollback.output.contains("ledger: " + store.where("ledger.jsonl")), rollback.output);
        }
    }

    /** A fresh checkout: the repository's environment files, no target folder, the stage's store named in drive.yaml. */
    private Path checkout(String name, DeployConfig.State state) throws Exception {
        Path at = DriftgateProcess.stage(Files.createDirectories(dir.resolve(name)));
        DriftgateProcess.fewerGates(at, true);
        DriftgateProcess.useStore(at, state);
        Path env = at.resolve("environments/drive.yaml");
        // A short load is enough to compare error rates (about 110 samples each), and the test is about the baseline, not the latency.
        Files.writeString(env, Fixture.edit(Files.readString(env), "    minRequests: 150\n", "    minRequests: 80\n    baseline: { whenMissing: notJudged }\n",
                "profile: { rampTo: 20/s, over: 3s, hold: 12s }", "profile: { rampTo: 25/s, over: 1s, hold: 4s }",
                "      - { scope: drifts,    metric: p99, max: 800ms, minSamples: 50 }\n", "",
                "      - { scope: dashboard, metric: p99, max: 2s, minSamples: 50 }\n", "",
                "      - { scope: global,    metric: errorRate, max: 0% }\n",
                "      - { scope: global,    metric: errorRate, max: 0% }\n      - { scope: global,    metric: errorRate, maxRegression: 100% }\n"));
        return at;
    }

    private static JsonNode regressionLine(JsonNode entry) {
        for (JsonNode l : EmbeddedDeployTest.lastOfGate(entry, "load").get("lines")) {
            if (l.get("measured").asText().contains("baseline")) {
                return l;
            }
        }
        throw new AssertionError("no regression line in " + entry);
    }
}
