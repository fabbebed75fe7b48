package com.driftsentry.gate.driver;

import com.driftsentry.gate.testing.Fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code driftgate cost} on the repository's own stages (their committed synthesized templates, no AWS
 * account, no secret read), and the cost gate of {@code deploy}: over the cap it refuses before the
 * lock, the ledger or the platform is touched; the dry run prints the estimate.
 */
class CostCommandTest {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        System.clearProperty("gate.environments");
    }

    @Test
    void theGateOnlyStagingFitsTheDollarAndAlwaysOnProductionCannot() throws Exception {
        System.setProperty("gate.environments", REPOSITORY.resolve("environments").toString());
        Run staging = run("cost", "--env", "staging", "--json");
        assertEquals(0, staging.code, staging.text);
        JsonNode s = new ObjectMapper().readTree(staging.stdout);
        assertTrue(s.get("complete").asBoolean(), "every resource of the stack is priced or known free: " + s.get("unpriced"));
        assertTrue(s.get("totalUsd").asDouble() <= 1.00 && s.get("totalUsd").asDouble() > 0.5, "the gate-only stage: " + s.get("totalUsd"));
        assertEquals(1.00, s.get("capUsd").asDouble());
        assertTrue(staging.stdout.contains("only while gated"), "the tasks run only while gated");
        assertFalse(staging.stdout.contains("rds."), "no RDS instance in the gate-only stage");
        for (JsonNode line : s.get("lines")) {
            assertTrue(s.get("sources").has(line.get("priceKey").asText()), "every line's price names its source: " + line);
        }
        Run production = run("cost", "--env", "production");
        assertEquals(0, production.code, production.text);
        assertTrue(production.stdout.contains("2 tasks always on") && production.stdout.contains("db.t4g.micro"), production.stdout);
        double total = Double.parseDouble(production.stdout.lines().filter(l -> l.startsWith("total ")).findFirst().orElseThrow().split(" ")[1]);
        assertTrue(total > 35 && total < 45, "two always-on tasks and RDS: " + total);
        assertFalse(production.text.contains("Secrets Manager"), "no secret is read to price a stage");
    }

    @Test
    void aDeployOverTheCapIsRefusedBeforeAnythingChangesAndTheDryRunShowsTheEstimate() throws Exception {
        Path envs = stage("0.50");
        System.setProperty("gate.environments", envs.toString());
        Run refused = run("deploy", "--env", "stage", "--image", "0.2.0");
        assertEquals(1, refused.code, refused.text);
        assertTrue(refused.stdout.contains("deploy refused before changing anything"), refused.stdout);
        assertTrue(refused.stdout.contains("estimated monthly cost") && refused.stdout.contains("over the cap"), refused.stdout);
        assertFalse(Files.exists(dir.resolve("state")), "no lock, intent or ledger was written");
        Run plan = run("deploy", "--env", "stage", "--image", "0.2.0", "--dry-run");
        assertEquals(0, plan.code, plan.text);
        assertTrue(plan.stdout.contains("gate cost (before anything changes): $0.96 a month estimated") && plan.stdout.contains("would be refused"),
                plan.stdout);
        assertTrue(plan.stdout.contains("cost DriftSentry-staging driftsentry-backend-staging vCPU"), plan.stdout);
        Files.writeString(envs.resolve("stage.yaml"), Fixture.edit(Files.readString(envs.resolve("stage.yaml")), "monthlyCapUsd: 0.50", "monthlyCapUsd: 1.00"));
        Run fits = run("deploy", "--env", "stage", "--image", "0.2.0", "--dry-run");
        assertTrue(fits.stdout.contains(": PASS") && !fits.stdout.contains("would be refused"), fits.stdout);
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of("no budget", "(?s)  budget:.*?\\} \\} \\}\n", "  alarms: []\n", "gates.budget: is not set"),
                Arguments.of("no estimate", "(?s), estimate:.*?\\} \\} \\}", " }", "gates.budget.estimate: is not set"),
                Arguments.of("missing template", "DriftSentry-staging\\.template", "DriftSentry-gone.template", "gates.budget.estimate.templates: no file"),
                Arguments.of("not a template", "DriftSentry-staging\\.template", "broken.template", "is not a CloudFormation template"),
                Arguments.of("another region", "type: embedded", "type: embedded\n  region: eu-west-1",
                        "platform.region: 'eu-west-1': the price table holds us-east-1 prices only"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void badCostSettingsAreExitThreeOnOneLine(String what, String from, String to, String named) throws Exception {
        Path envs = stage("0.50");
        Files.writeString(envs.resolve("stage.yaml"), Files.readString(envs.resolve("stage.yaml")).replaceAll(from, to));
        Files.writeString(dir.resolve("infra/synthesized/broken.template.json"), "{\"Resources\": [");
        System.setProperty("gate.environments", envs.toString());
        Run r = run("cost", "--env", "stage");
        assertEquals(3, r.code, what + ": " + r.text);
        assertEquals(1, r.text.strip().lines().count(), what + ": one line: " + r.text);
        assertTrue(r.text.contains(named), what + ": " + r.text);
    }

    /** An embedded stage whose budget prices the repository's staging stack. */
    private Path stage(String cap) throws Exception {
        Path envs = Files.createDirectories(dir.resolve("environments"));
        Files.createDirectories(dir.resolve("infra/synthesized"));
        Files.copy(REPOSITORY.resolve("infra/synthesized/DriftSentry-staging.template.json"), dir.resolve("infra/synthesized/DriftSentry-staging.template.json"));
        Files.copy(REPOSITORY.resolve("infra/synthesized/DriftSentry-Shared.template.json"), dir.resolve("infra/synthesized/DriftSentry-Shared.template.json"));
        Files.writeString(envs.resolve("stage.yaml"), Fixture.edit("""
                name: stage
                target: { baseUrl: embedded }
                platform:
                  type: embedded
                  baselineVersion: 0.1.0
                gates:
                  budget: { monthlyCapUsd: CAP, estimate: { templates: [infra/synthesized/DriftSentry-staging.template.json, infra/synthesized/DriftSentry-Shared.template.json],
                            usage: { gatedHoursPerMonth: 6, logGbPerMonth: 0.5, imageStorageGb: 1, stateStorageGb: 0.1 } } }
                state: { type: file, path: STATE }
                """, "CAP", cap, "STATE", dir.resolve("state").toString()));
        return envs;
    }

    private record Run(int code, String stdout, String text) {
    }

    private static Run run(String... args) {
        CliRun run = CliRun.of(args);
        return new Run(run.code(), run.stdout(), run.all());
    }
}
