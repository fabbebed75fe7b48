package com.driftsentry.gate.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.browser.HeadlessChromium;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser gate inside driftgate: on the embedded platform the release's own dashboard is judged
 * after smoke and before load, its verdict in the ledger like every other gate's; the plan names it.
 */
class BrowserGateDriverTest {
    @TempDir
    Path dir;

    @Test
    void gateJudgesTheServingReleasesDashboardAfterSmoke() throws Exception {
        HeadlessChromium.missing().ifPresent(reason -> Assumptions.abort("no browser here: " + reason));
        Path envs = DriftgateProcess.stage(dir).resolve("environments");
        Files.writeString(envs.resolve("browse.yaml"), """
                name: browse
                target: { baseUrl: embedded, seed: 50 }
                platform: { type: embedded, baselineVersion: 0.1.0, stableTimeout: 20s }
                gates:
                  smoke: { tags: [health] }
                  browser: { loads: 5 }
                state: { type: file, path: target/state/browse }
                """);
        DriftgateProcess plan = DriftgateProcess.run(dir, Map.of(), "deploy", "--env", "browse", "--image", "0.2.0", "--dry-run");
        assertTrue(plan.output.contains("gate browser: 5 loads of the dashboard (the one the platform serves)"), plan.output);

        DriftgateProcess gate = DriftgateProcess.run(dir, Map.of(), "gate", "--env", "browse");
        assertEquals(0, gate.exitCode, gate.output);
        List<String> lines = Files.readAllLines(dir.resolve("target/state/browse/ledger.jsonl"));
        JsonNode entry = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        EmbeddedDeployTest.assertGates(entry, "health", "smoke", "browser");
        JsonNode browser = EmbeddedDeployTest.lastOfGate(entry, "browser");
        assertEquals("PASS", browser.get("outcome").asText(), browser.toString());
        assertEquals(5, browser.get("lines").get(0).get("samples").asInt(), "five loads measured: " + browser);
        assertTrue(browser.toString().contains("6 of 6 equal"), browser.toString());
    }
}
