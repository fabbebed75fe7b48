package com.driftsentry.gate.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage's first deploy has nothing to compare with: with {@code baseline: { whenMissing:
 * notJudged }} its regression line (an error rate's here: deterministic on a healthy release, unlike a
 * percentile on a shared machine) is NOT JUDGED and the release is promoted; its load evidence
 * becomes the stage's baseline, and the next deploy is judged against it with no path in the file.
 */
class BaselineDeployTest {
    @TempDir
    Path dir;

    @Test
    void theFirstDeployPromotesWithTheRegressionLineNotJudgedAndTheNextIsJudgedAgainstIt() throws Exception {
        DriftgateProcess.stage(dir);
        DriftgateProcess.fewerGates(dir, true);
        Path env = dir.resolve("environments/drive.yaml");
        // A short load is enough to compare error rates (100 samples each), and the test is about the baseline, not the latency.
        Files.writeString(env, Files.readString(env).replace("    minRequests: 150\n", "    minRequests: 100\n    baseline: { whenMissing: notJudged }\n")
                .replace("profile: { rampTo: 20/s, over: 3s, hold: 12s }", "profile: { rampTo: 20/s, over: 2s, hold: 6s }")
                .replace("      - { scope: drifts,    metric: p99, max: 800ms, minSamples: 50 }\n", "")
                .replace("      - { scope: dashboard, metric: p99, max: 2s, minSamples: 50 }\n", "")
                .replace("      - { scope: global,    metric: errorRate, max: 0% }\n",
                        "      - { scope: global,    metric: errorRate, max: 0% }\n      - { scope: global,    metric: errorRate, maxRegression: 100% }\n"));

        DriftgateProcess first = DriftgateProcess.run(dir, Map.of(), "deploy", "--env", "drive", "--image", "0.2.0");
        assertEquals(0, first.exitCode, first.output);
        JsonNode line = regressionLine(DriftgateProcess.ledger(dir).get(0));
        assertEquals("NOT_JUDGED", line.get("outcome").asText(), line.toString());
        assertTrue(line.get("reason").asText().contains("no promoted release to compare with yet"), line.toString());
        assertTrue(first.output.contains("NOT JUDGED"), "shown as people read it: " + first.output);
        assertTrue(Files.isRegularFile(dir.resolve("target/state/drive/baseline.json")), "the promoted run's evidence is kept");

        DriftgateProcess second = DriftgateProcess.run(dir, Map.of(), "deploy", "--env", "drive", "--image", "0.3.0");
        assertEquals(0, second.exitCode, second.output);
        JsonNode judged = regressionLine(DriftgateProcess.ledger(dir).get(1));
        assertEquals("PASS", judged.get("outcome").asText(), judged.toString());
        assertTrue(judged.get("measured").asText().contains("vs baseline"), "judged against the first deploy's evidence: " + judged);
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
