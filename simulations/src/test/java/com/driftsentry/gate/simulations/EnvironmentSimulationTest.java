package com.driftsentry.gate.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.testing.MotoServer;
import com.driftsentry.reference.embedded.EmbeddedTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code mvn gatling:test -Denv=X} runs the simulation X is gated by: naming the environment is enough. */
class EnvironmentSimulationTest {
    private static final Path SHIPPED = Path.of("..", "environments").toAbsolutePath().normalize();

    @Test
    void theShippedProductionEnvironmentAloneRunsHealthSimulation() throws Exception {
        MotoServer moto = MotoServer.fresh();
        moto.secret("driftsentry/production/smoke-api-key", "moto-production-key");
        moto.stack("DriftSentry-production", Map.of("ApiUrl", "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com",
                "DashboardUrl", "https://d111111abcdef8.cloudfront.net", "DashboardBucket", "driftsentry-production-dashboardfiles-1a2b3c",
                "DashboardDistribution", "E2QWRUHAPOMQZL"));
        Path work = Files.createTempDirectory(Path.of("target"), "env-");
        // A local reference service stands in for production's address (load goes to loopback only).
        try (EmbeddedTarget reference = EmbeddedTarget.start(10, Map.of(), work.resolve("reference"))) {
            GatlingProcess run = GatlingProcess.run("EnvironmentSimulation", Map.of("env", "production", "gate.environments", SHIPPED.toString(),
                    "gate.baseUrl", reference.baseUrl(), "gate.rampTo", "40/s", "gate.over", "1s", "gate.hold", "5s"),
                    Map.of("GATE_AWS_ENDPOINT", moto.endpoint(), "AWS_ACCESS_KEY_ID", "AKIDMOTO", "AWS_SECRET_ACCESS_KEY", "moto-secret"));
            assertTrue(run.output.contains("driftgate load: HealthSimulation on production against " + reference.baseUrl()), run.output);
            assertEquals(0, run.exitCode, run.output);
            assertTrue(Files.readString(run.gateDir.resolve("verdict.json")).contains("\"HealthSimulation\""), "the verdict is HealthSimulation's");
        }
    }

    @Test
    void anEnvironmentThatCannotBeReadIsBadInputBeforeAnySimulationStarts() throws Exception {
        GatlingProcess run = GatlingProcess.run("EnvironmentSimulation", Map.of("env", "no-such-stage"), Map.of());
        assertEquals(3, run.exitCode, run.output);
        assertTrue(run.output.contains("driftgate load: ") && run.output.contains("no-such-stage"), run.output);
    }

    @Test
    void aSimulationNameThatIsNoSimulationHereIsBadInput() throws Exception {
        GatlingProcess run = GatlingProcess.run("EnvironmentSimulation", Map.of("gate.simulation", "NoSuchSimulation"), Map.of());
        assertEquals(3, run.exitCode, run.output);
        assertTrue(run.output.contains("gates.load.simulation: \'NoSuchSimulation' is not one of this repository's simulations"), run.output);
    }
}
