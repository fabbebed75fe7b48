package com.driftsentry.gate.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.json.Json;
import com.driftsentry.gate.testing.Fixture;
import com.driftsentry.gate.testing.MotoServer;
import com.driftsentry.reference.embedded.EmbeddedTarget;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * driftgate as an operator runs it against a production stage whose AWS side lives in moto's server: the ECS service
 * (serving {@code …:0.4.0}, which driftgate never deployed), its alarms, its budget, its image in ECR, the smoke key
 * in Secrets Manager and the stage's store in S3, every client pointed there by {@code GATE_AWS_ENDPOINT} alone. The
 * gates reach a local reference service that reports 0.4.0, as the service's tasks would.
 */
class DriftgateOnMotoTest {
    static final String SERVING = MotoAws.REPO + ":0.4.0";
    static EmbeddedTarget service;

    @TempDir
    Path dir;
    MotoServer moto;
    MotoAws aws;

    @BeforeAll
    static void referenceService(@TempDir Path work) {
        MotoServer.fresh();
        service = EmbeddedTarget.start(4, Map.of("DRIFTSENTRY_VERSION", "0.4.0"), work);
    }

    @AfterAll
    static void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @BeforeEach
    void account() throws Exception {
        moto = MotoServer.fresh();
        aws = MotoAws.at(moto.endpoint());
        aws.service("driftsentry-production", "driftsentry-backend-production", SERVING, 2);
        aws.alarm("DriftSentry-production-HighErrorRate", StateValue.OK);
        aws.budget("driftsentry-monthly", "60.00", "31.20", "48.75");
        aws.image("0.4.0", 280_000_000L);
        aws.image("0.5.0", 290_000_000L);
        moto.secret("driftsentry/production/smoke-api-key", service.adminKey());
        aws.bucket("acme-driftgate");
        Path envs = Files.createDirectories(dir.resolve("environments"));
        Files.writeString(envs.resolve("local.yaml"), "name: local\ntarget: { baseUrl: embedded }\ngates: {}\n");
        Files.writeString(envs.resolve("production.yaml"), """
                name: production
                target: { baseUrl: "%s", apiKey: "${secret:driftsentry/production/smoke-api-key}" }
                platform: { type: ecs, region: us-east-1, cluster: driftsentry-production, service: driftsentry-backend-production, stableTimeout: 60s }
                gates:
                  smoke: { tags: [health] }
                  alarms: [DriftSentry-production-HighErrorRate]
                  budget: { monthlyCapUsd: 60.00 }
                state: { type: s3, bucket: acme-driftgate, prefix: driftgate/production, region: us-east-1 }
                """.formatted(service.baseUrl()));
    }

    @AfterEach
    void close() {
        aws.close();
    }

    DriftgateProcess driftgate(String... args) throws Exception {
        return DriftgateProcess.onMoto(moto, dir, args);
    }

    @Test
    void statusSaysWhatEcsServesBesideTheEmptyLedgerAndTheDriftFirst() throws Exception {
        DriftgateProcess status = driftgate("status", "--env", "production");
        assertEquals(0, status.exitCode, status.output);
        assertTrue(status.output.contains("serving:     nothing recorded (the ledger)"), status.output);
        assertTrue(status.output.contains("platform:    " + SERVING + " (ecs, asked now)"), status.output);
        assertTrue(status.output.contains("DRIFT:       the platform serves " + SERVING + " but the ledger records nothing"), status.output);
        assertTrue(status.output.contains("s3://acme-driftgate/driftgate/production/ledger.jsonl"), "the store is moto's S3: " + status.output);

        JsonNode json = json(driftgate("status", "--env", "production", "--json"));
        assertTrue(json.path("serving").isNull(), json.toString());
        assertEquals(SERVING, json.path("platformServing").asText(), json.toString());
        assertTrue(json.path("drift").asText().contains("someone deployed by hand"), json.toString());
    }

    @Test
    void aDryRunPlansFromWhatEcsServesAndChangesNothing() throws Exception {
        DriftgateProcess plan = driftgate("deploy", "--env", "production", "--image", MotoAws.REPO + ":0.5.0", "--dry-run");
        assertEquals(0, plan.exitCode, plan.output);
        assertTrue(plan.output.contains("platform serves " + SERVING + " (ecs, asked now)")
                && plan.output.contains("DRIFT: the platform serves " + SERVING + " but the ledger records nothing"), plan.output);
        assertTrue(plan.output.contains("register a revision of it that differs only in the image: " + MotoAws.REPO + ":0.5.0"), plan.output);
        assertEquals(1, aws.ecs.listTaskDefinitions().taskDefinitionArns().size(), "no revision registered");
        assertTrue(aws.described("driftsentry-production", "driftsentry-backend-production").taskDefinition().endsWith("driftsentry:1"));
        assertEquals(List.of(), stateKeys(), "no ledger, lock or intent written");
    }

    @Test
    void gateJudgesTheServingReleaseOnWhatMotoHoldsAndRecordsItInMotosS3() throws Exception {
        DriftgateProcess passed = driftgate("gate", "--env", "production");
        assertEquals(0, passed.exitCode, passed.output);
        assertFalse(passed.output.contains(service.adminKey()), "the secret read from Secrets Manager is never printed");
        aws.alarm("DriftSentry-production-HighErrorRate", StateValue.ALARM);
        DriftgateProcess failed = driftgate("gate", "--env", "production");
        assertEquals(1, failed.exitCode, failed.output);
        assertTrue(failed.output.contains("in ALARM: DriftSentry-production-HighErrorRate"), failed.output);

        assertTrue(stateKeys().contains("driftgate/production/ledger.jsonl"), stateKeys().toString());
        JsonNode recent = json(driftgate("status", "--env", "production", "--json")).path("recent");
        assertEquals(List.of("PASS", "FAIL"), List.of(recent.get(0).path("outcome").asText(), recent.get(1).path("outcome").asText()), recent.toString());
        EmbeddedDeployTest.assertGates(recent.get(0), "health", "smoke", "alarms", "budget", "image");
        assertFalse(recent.toString().contains(service.adminKey()), "nor does it reach the ledger");
    }

    @Test
    void theGatesReachTheAddressTheStagesStackSaysAndAMissingOutputIsExit3NamingIt() throws Exception {
        Path file = dir.resolve("environments/production.yaml");
        Files.writeString(file, Fixture.edit(Files.readString(file), "baseUrl: \"" + service.baseUrl() + "\"", "baseUrl: \"${stack:DriftSentry-production#ApiUrl}\""));
        moto.stack("DriftSentry-production", Map.of("ApiUrl", service.baseUrl()));
        DriftgateProcess gated = driftgate("gate", "--env", "production");
        assertEquals(0, gated.exitCode, gated.output);
        assertTrue(gated.output.contains(service.baseUrl()), "the gates reached the stack's address: " + gated.output);

        Files.writeString(file, Fixture.edit(Files.readString(file), "#ApiUrl}", "#DashboardUrl}"));
        DriftgateProcess missing = driftgate("gate", "--env", "production");
        assertEquals(3, missing.exitCode, missing.output);
        String line = missing.output.lines().filter(l -> l.contains("DashboardUrl")).findFirst().orElseThrow();
        assertTrue(line.contains("target.baseUrl: stack DriftSentry-production in us-east-1 has no output DashboardUrl (it has: ApiUrl)"), line);
        assertFalse(missing.output.contains("\tat "), "no stack trace: " + missing.output);
    }

    private List<String> stateKeys() {
        return aws.s3.listObjectsV2(b -> b.bucket("acme-driftgate")).contents().stream().map(S3Object::key).toList();
    }

    private static JsonNode json(DriftgateProcess run) throws Exception {
        assertEquals(0, run.exitCode, run.output);
        return Json.MAPPER.readTree(run.output.substring(run.output.indexOf('{')));
    }
}
