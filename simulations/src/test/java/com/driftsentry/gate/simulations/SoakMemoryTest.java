package com.driftsentry.gate.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.evidence.EvidenceFile;
import com.driftsentry.gate.evidence.MemorySeries;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The soak criterion end to end (environment {@code e2e-environments/soak.yaml}): the embedded
 * service's memory read from its /metrics during a 40 s SoakSimulation, once healthy and once with
 * the leak switch on.
 */
class SoakMemoryTest {

    @Test
    void aHealthySoakPassesItsMemoryGrowthLine() throws Exception {
        GatlingProcess run = GatlingProcess.run("SoakSimulation", Map.of("env", "soak"), Map.of());
        JsonNode memory = run.line("global memoryGrowth");
        if ("INCONCLUSIVE".equals(memory.get("outcome").asText())) {
            // Measured once in five fresh CI runs: on a loaded machine a fresh JVM was still warming up after 40 s
            // (heap interval -7 to +26 GB/h); seen again on 2026-12-02. The line asks for a longer hold; it gets one (twice the
            // span judged after the warm-up quarter: its slope interval about 2.8 times narrower), and must then PASS.
            run = GatlingProcess.run("SoakSimulation", Map.of("env", "soak", "gate.hold", "80s"), Map.of());
            memory = run.line("global memoryGrowth");
        }
        assertEquals("PASS", memory.get("outcome").asText(), memory.toString());
        assertTrue(memory.get("measured").asText().matches("heap [-+][0-9.]+ [KMG]B/h \\(95%: .*\\); resident [-+].*"), memory.toString());
        assertEquals("PASS", run.verdict().get("outcome").asText(), run.output);
        MemorySeries readings = EvidenceFile.read(run.gateDir.resolve("evidence.json")).memory();
        assertTrue(readings.samples().size() >= 120, "every 250 ms for 40 s: " + readings.samples().size());
    }

    @Test
    void aLeakingBuildFailsNamingTheMemoryThatGrew() throws Exception {
        // A leak this size shows in 30 s (about 130 readings): no need for the healthy run's 40.
        GatlingProcess run = GatlingProcess.run("SoakSimulation", Map.of("env", "soak", "gate.hold", "30s"), Map.of("DRIFTSENTRY_FAULT_LEAK_KB", "64"));
        JsonNode memory = run.line("global memoryGrowth");
        assertEquals("FAIL", memory.get("outcome").asText(), memory.toString());
        assertTrue(memory.get("reason").asText().matches("(heap|resident) grows by at least \\+[0-9.]+ GB/h \\(95% interval\\), over 3GB/h"),
                memory.toString());
        assertEquals("PASS", run.line("global errorRate").get("outcome").asText(), "a leak that has not yet run out of heap serves every request");
        assertEquals(1, run.exitCode);
    }
}
