package com.driftsentry.gate.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The load gate end to end: real Gatling, real reference service (embedded PostgreSQL + Redis),
 * a few seconds of load each, and the verdict and exit code a pipeline would see.
 */
class LoadGateEndToEndTest {

    @Test
    void healthyBuildPasses() throws Exception {
        GatlingProcess run = GatlingProcess.run("ApiMixSimulation", Map.of(), Map.of());
        assertEquals("PASS", run.verdict().get("outcome").asText(), run.output);
        assertEquals(0, run.exitCode, run.output);
        assertTrue(run.output.contains("load gate on e2e: PASS"), "the console shows the verdict table");
        assertTrue(run.verdict().get("lines").size() >= 6);
        assertTrue(Files.exists(run.gateDir.resolve("verdict.md")) && Files.exists(run.gateDir.resolve("verdict-junit.xml"))
                && Files.exists(run.gateDir.resolve("evidence.json")));
        // Gatling's own report sees each request group by name (the requests are named after their groups): its
        // assertion on the group is evaluated, and its last count of the group's requests is the gate's. (Not their p99s:
        // two estimators can differ on a few dozen samples, 145 against 103 ms for one run's 30 writes.)
        for (String group : new String[] {"drifts", "writes", "dashboard"}) {
            assertTrue(Pattern.compile("\\n" + group + ": 99th percentile of response time is less than or equal to [0-9.]+ : true \\(actual : \\d+")
                    .matcher(run.output).find(), "Gatling's assertion on " + group + ": " + run.output);
            Matcher counts = Pattern.compile("\\n> " + group + " +\\| +(\\d+) \\|").matcher(run.output);
            String last = null;
            while (counts.find()) {
                last = counts.group(1);
            }
            assertEquals(run.line(group + " p99").get("samples").asText(), last, "Gatling's count of " + group + ": " + run.output);
        }
    }

    @Test
    void fivePercentErrorsOnOneRouteFailNamingTheCriterion() throws Exception {
        GatlingProcess run = GatlingProcess.run("ApiMixSimulation", Map.of(),
                Map.of("DRIFTSENTRY_FAULT_ERROR_RATE", "0.05", "DRIFTSENTRY_FAULT_ROUTES", "/api/v1/dashboard"));
        assertEquals("FAIL", run.verdict().get("outcome").asText());
        assertEquals(1, run.exitCode);
        JsonNode errors = run.line("global errorRate");
        assertEquals("FAIL", errors.get("outcome").asText());
        assertTrue(errors.get("measured").asText().matches("[0-9.]+% \\(\\d+ of \\d+\\)"), errors.toString());
        assertEquals("FAIL", run.line("global serverErrorRate").get("outcome").asText());
        // With a 0% error budget the first error decides the run, so it stops within seconds.
        assertTrue(run.line("run completed").get("measured").asText().contains("error budget of 0%"), run.line("run completed").toString());
        assertTrue(!"FAIL".equals(run.line("drifts p99").get("outcome").asText()), "latency was not touched");
    }

    @Test
    void slowTwoPercentOfOneRouteFailsThatGroupsP99WhileAnotherGroupPasses() throws Exception {
        GatlingProcess run = GatlingProcess.run("ApiMixSimulation", Map.of(),
                Map.of("DRIFTSENTRY_FAULT_LATENCY_MS", "1000", "DRIFTSENTRY_FAULT_LATENCY_RATIO", "0.02",
                        "DRIFTSENTRY_FAULT_ROUTES", "/api/v1/drifts"));
        assertEquals("FAIL", run.verdict().get("outcome").asText(), run.output);
        JsonNode drifts = run.line("drifts p99");
        assertEquals("FAIL", drifts.get("outcome").asText(), drifts.toString());
        double p99 = Double.parseDouble(drifts.get("measured").asText().replaceAll("[^0-9.]", ""));
        assertTrue(p99 >= 1000, "p99 shows the injected second: " + drifts);
        assertEquals("PASS", run.line("dashboard p99").get("outcome").asText());
        assertEquals("PASS", run.line("global errorRate").get("outcome").asText());
        assertEquals(1, run.exitCode);
    }

    @Test
    void zeroTrafficIsInconclusiveNeverAPass() throws Exception {
        GatlingProcess run = GatlingProcess.run("ApiMixSimulation", Map.of("gate.rampTo", "0.01/s", "gate.over", "1s", "gate.hold", "1s"), Map.of());
        assertEquals("INCONCLUSIVE", run.verdict().get("outcome").asText(), run.output);
        assertEquals(4, run.exitCode);
        assertEquals("INCONCLUSIVE", run.line("global requests").get("outcome").asText());
        assertEquals(0, run.line("drifts p99").get("samples").asLong());
    }

    @Test
    void earlyAbortStopsAClearlyFailingRunWithinTenSecondsOfLoad() throws Exception {
        GatlingProcess run = GatlingProcess.run("ApiMixSimulation", Map.of("gate.hold", "60s"),
                Map.of("DRIFTSENTRY_FAULT_ERROR_RATE", "0.5"));
        assertEquals("FAIL", run.verdict().get("outcome").asText());
        JsonNode stop = run.line("run completed");
        assertTrue(stop.get("measured").asText().contains("stopped early"), stop.toString());
        assertTrue(stop.get("measured").asText().contains("error"), stop.toString());
        String window = run.line("global errorRate").get("window").asText();
        double seconds = Double.parseDouble(window.substring(0, window.indexOf('s')));
        // The decision, not the machine's speed: stopped on the first windows, far short of the 60 s hold.
        assertTrue(seconds < 30, "load lasted " + window);
        System.out.println("early abort: load window " + window + ", wall " + run.wallMillis + " ms");
        assertEquals(1, run.exitCode);
    }

    @Test
    void environmentGatedByAnotherSimulationIsBadInputExit3BeforeAnyLoad() throws Exception {
        GatlingProcess run = GatlingProcess.run("HealthSimulation", Map.of(), Map.of());
        assertEquals(3, run.exitCode, run.output);
        assertTrue(run.output.contains("driftgate load: ") && run.output.contains("gates.load.simulation"), run.output);
        assertFalse(run.output.contains("driftgate load: HealthSimulation on "), "refused before a target was started or loaded: " + run.output);
    }

    @Test
    void aTargetThatDoesNotAnswerIsBadInputWithinSeconds() throws Exception {
        GatlingProcess run = GatlingProcess.run("HealthSimulation", Map.of("gate.baseUrl", "http://127.0.0.1:9",
                "gate.simulation", "HealthSimulation"), Map.of());
        assertEquals(3, run.exitCode, run.output);
        assertTrue(run.output.contains("target.baseUrl: http://127.0.0.1:9/health/live does not answer"), run.output);
        // One look, not a run of timeouts: refused before any load was planned against it.
        assertFalse(run.output.contains("driftgate load: HealthSimulation on "), run.output);
    }

    @Test
    void stressRunJudgesEachLevelAndReportsTheKnee() throws Exception {
        GatlingProcess run = GatlingProcess.run("StressSimulation", Map.of("gate.simulation", "StressSimulation",
                "gate.stress.levels", "3", "gate.stress.levelSeconds", "3"), Map.of());
        JsonNode knee = run.line("highest passing rate");
        assertTrue(knee.get("measured").asText().contains("users/s"), knee.toString());
        assertTrue(run.line("level 1 (25 users/s)").get("criterion").asText().contains("global errorRate"));
        assertTrue(run.line("level 3 (75 users/s)").has("measured"));
        assertEquals(knee.get("outcome").asText(), run.verdict().get("outcome").asText(), "the knee line decides");
        assertEquals("PASS".equals(knee.get("outcome").asText()) ? 0 : 1, run.exitCode);
    }

    @Test
    void aTargetThatNeverTurnsReadyIsRefusedBeforeAnyLoad() throws Exception {
        GatlingProcess run = GatlingProcess.run("ApiMixSimulation", Map.of("gate.readyTimeout", "4s"), Map.of("DRIFTSENTRY_FAULT_NEVER_READY", "true"));
        assertEquals(1, run.exitCode, run.output);
        assertEquals("FAIL", run.verdict().get("outcome").asText());
        JsonNode ready = run.line("target ready before the load");
        assertEquals("FAIL", ready.get("outcome").asText(), ready.toString());
        assertTrue(ready.get("measured").asText().startsWith("503"), "says what the endpoint answered: " + ready);
        assertTrue(ready.get("reason").asText().contains("not ready within 4 s, so no load was sent"), ready.toString());
        assertEquals(1, run.verdict().get("lines").size(), "refused before the load: nothing else to judge");
        assertTrue(!run.output.contains("Global Information"), "Gatling never ran its scenarios");
    }

    @Test
    void aTargetThatExitsDuringTheRunIsNamedOnTheFirstLine() throws Exception {
        GatlingProcess run = GatlingProcess.run("ApiMixSimulation", Map.of("gate.hold", "20s"), Map.of("DRIFTSENTRY_FAULT_CRASH_AFTER_S", "8"));
        assertEquals(1, run.exitCode, run.output);
        JsonNode first = run.verdict().get("lines").get(0);
        assertEquals("target kept running", first.get("criterion").asText(), run.verdict().toString());
        assertEquals("FAIL", first.get("outcome").asText());
        assertTrue(first.get("measured").asText().matches("exited with 70 at \\d\\d:\\d\\d:\\d\\dZ, -?[0-9.]+ s into the load"), first.toString());
        assertEquals("FAIL", run.line("target ready after the load").get("outcome").asText());
    }
}
