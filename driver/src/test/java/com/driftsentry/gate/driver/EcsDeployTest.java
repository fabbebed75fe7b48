package com.driftsentry.gate.driver;

import com.driftsentry.gate.json.Json;
import com.driftsentry.gate.testing.Fixture;
import com.driftsentry.gate.testing.MotoServer;
import com.driftsentry.gate.driver.decision.RunOutcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * driftgate deploy on the ecs platform, end to end as a pipeline runs it: ECS on the AWS stand-in (a whole deploy
 * needs a rollout that completes, which moto's never does), the alarms, the budget and the images in moto's server
 * (the stand-in forwards them), and a stand-in load balancer whose tasks report the version of the image the service runs:
 * promotion with notifications (Slack webhook, GitHub job summary), a rejected candidate rolled
 * back, and a rollback ECS refuses (exit 2, nothing more changed).
 */
class EcsDeployTest {
    private static final String WEBHOOK_PATH = "/services/T000/B000/secretWebhookToken";

    @TempDir
    Path dir;
    MotoServer moto;
    AwsStandIn aws;
    EcsFake ecs;
    MotoAws account;
    HttpServer balancer;
    final List<String> slack = new CopyOnWriteArrayList<>();

    @BeforeEach
    void stage() throws Exception {
        moto = MotoServer.fresh();
        aws = new AwsStandIn().forwardingTheRestTo(moto.endpoint());
        ecs = new EcsFake(aws, "0.1.0");
        account = MotoAws.at(moto.endpoint());
        account.alarm("DriftSentry-HighErrorRate", StateValue.OK);
        account.budget("driftsentry-monthly", "1.00", "0.42", "0.80");
        for (String tag : List.of("0.1.0", "0.2.0", "0.3.0")) {
            account.image(tag, 300_000_000L);
        }
        balancer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        balancer.createContext("/", ex -> {
            try (ex) {
                String path = ex.getRequestURI().getPath();
                String body;
                if (path.equals(WEBHOOK_PATH)) {
                    slack.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    body = "ok";
                } else if (ecs.desired == 0) {
                    // A stage at rest runs no task: nothing answers.
                    ex.sendResponseHeaders(503, -1);
                    return;
                } else if (path.equals("/health/ready")) {
                    body = "{\"status\":\"ready\",\"version\":\"" + ecs.servingTag() + "\",\"checks\":{\"postgres\":\"ok\",\"redis\":\"ok\"}}";
                } else {
                    body = "{\"status\":\"ok\",\"version\":\"" + ecs.servingTag() + "\",\"uptimeSeconds\":1}";
                }
                byte[] out = body.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, out.length);
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            }
        });
        balancer.start();
        Path envs = Files.createDirectories(dir.resolve("environments"));
        Files.writeString(envs.resolve("local.yaml"), "name: local\ntarget: { baseUrl: embedded }\ngates: {}\n");
        Files.writeString(envs.resolve("ecs.yaml"), """
                name: ecs
                target: { baseUrl: "http://127.0.0.1:%d" }
                platform: { type: ecs, region: us-east-1, cluster: c, service: svc, stableTimeout: 20s }
                gates:
                  smoke: { tags: [health] }
                  alarms: [DriftSentry-HighErrorRate]
                  budget: { monthlyCapUsd: 1.00 }
                  availability: { path: /health/live, every: 250ms, minSuccess: 100%% }
                notifications: { slackWebhook: "${env:SLACK_WEBHOOK_URL}" }
                state: { type: file, path: target/state/ecs }
                """.formatted(balancer.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        balancer.stop(0);
        aws.close();
        account.close();
    }

    DriftgateProcess deploy() throws Exception {
        return DriftgateProcess.run(dir, awsEnv(), "deploy", "--env", "ecs", "--image", EcsFake.REPO + ":0.2.0");
    }

    /** What a pipeline's job gives driftgate: the AWS endpoint (here the stand-in), the webhook, the job summary. */
    private Map<String, String> awsEnv() {
        return Map.of("GATE_AWS_ENDPOINT", aws.endpoint(), "DRIFTGATE_ECS_POLL_MS", "50",
                "SLACK_WEBHOOK_URL", "http://127.0.0.1:" + balancer.getAddress().getPort() + WEBHOOK_PATH,
                "GITHUB_STEP_SUMMARY", dir.resolve("summary.md").toString());
    }

    @Test
    void aGoodCandidateIsPromotedAndTheVerdictReachesSlackAndTheJobSummary() throws Exception {
        DriftgateProcess run = deploy();
        assertEquals(0, run.exitCode, run.output);
        JsonNode entry = ledger();
        assertEquals(RunOutcome.PROMOTED.name(), entry.get("outcome").asText());
        assertEquals(EcsFake.REPO + ":0.2.0", entry.get("serving").asText());
        EmbeddedDeployTest.assertGates(entry, "health", "smoke", "alarms", "budget", "image", "health", "availability");
        assertEquals(List.of(EcsFake.FAMILY_ARN + "8"), ecs.updates);
        assertEquals(1, slack.size(), "one Slack message");
        assertTrue(slack.get(0).contains(RunOutcome.PROMOTED.name()) && slack.get(0).contains("| alarms: alarms |"), slack.get(0));
        String summary = Files.readString(dir.resolve("summary.md"));
        assertTrue(summary.contains("## driftgate deploy on ecs: PROMOTED") && summary.contains("budget: monthly spend"), summary);
        for (String text : List.of(run.output, summary, Files.readString(dir.resolve("target/state/ecs/ledger.jsonl")))) {
            assertFalse(text.contains("secretWebhookToken"), "the webhook URL is a secret and must not be shown");
        }
    }

    @Test
    void aGateOnlyStageRunsItsTaskOnlyWhileGatedAndRestsAtNoTasksAfterAPromotionOrARollback() throws Exception {
        Files.writeString(dir.resolve("environments/gated.yaml"), Fixture.edit(Files.readString(dir.resolve("environments/ecs.yaml")),
                "name: ecs", "name: gated", "stableTimeout: 20s }", "stableTimeout: 20s, gateOnly: { tasks: 1 } }", "target/state/ecs", "target/state/gated"));
        ecs.desired = 0;
        DriftgateProcess promoted = DriftgateProcess.run(dir, awsEnv(), "deploy", "--env", "gated", "--image", EcsFake.REPO + ":0.2.0");
        assertEquals(0, promoted.exitCode, promoted.output);
        assertEquals(List.of(1, 0), ecs.desiredCounts, "one task for the gates, none after");
        assertTrue(promoted.output.contains("rests at 0 tasks"), promoted.output);
        assertEquals(RunOutcome.PROMOTED.name(), ledger("gated").get("outcome").asText());
        EmbeddedDeployTest.assertGates(ledger("gated"), "health", "smoke", "alarms", "budget", "image", "availability", "health");

        account.alarm("DriftSentry-HighErrorRate", StateValue.ALARM);
        DriftgateProcess rejected = DriftgateProcess.run(dir, awsEnv(), "deploy", "--env", "gated", "--image", EcsFake.REPO + ":0.3.0");
        assertEquals(1, rejected.exitCode, rejected.output);
        assertEquals(RunOutcome.ROLLED_BACK.name(), ledger("gated").get("outcome").asText());
        assertEquals(List.of(1, 0, 1, 1, 0), ecs.desiredCounts, "the candidate, the restored release verified with a task of its own, then rest");
        assertEquals("0.2.0", ecs.servingTag());

        // The nightly's gate of what serves: started for the gates under the stage's lock, rested after, nothing left open.
        account.alarm("DriftSentry-HighErrorRate", StateValue.OK);
        DriftgateProcess gate = DriftgateProcess.run(dir, awsEnv(), "gate", "--env", "gated");
        assertEquals(0, gate.exitCode, gate.output);
        assertEquals(List.of(1, 0, 1, 1, 0, 1, 0), ecs.desiredCounts, "woken with the serving revision, then rested");
        assertEquals("gate", ledger("gated").get("command").asText());
        assertEquals("0.2.0", ecs.servingTag(), "gating changes no release");
        assertFalse(Files.exists(dir.resolve("target/state/gated/intent.json")), "the gate's intent is closed");
    }

    @Test
    void aCandidateWithAnAlarmFiringIsRolledBackToTheNotedRevision() throws Exception {
        account.alarm("DriftSentry-HighErrorRate", StateValue.ALARM);
        DriftgateProcess run = deploy();
        assertEquals(1, run.exitCode, run.output);
        JsonNode entry = ledger();
        assertEquals(RunOutcome.ROLLED_BACK.name(), entry.get("outcome").asText());
        assertTrue(entry.get("reason").asText().contains("in ALARM: DriftSentry-HighErrorRate"), entry.get("reason").asText());
        assertEquals(List.of(EcsFake.FAMILY_ARN + "8", EcsFake.FAMILY_ARN + "7"), ecs.updates, "updated to the candidate, then back");
        assertEquals("0.1.0", ecs.servingTag());
        assertTrue(EmbeddedDeployTest.lastOfGate(entry, "health").toString().contains("version 0.1.0"), "the restored release is verified");
    }

    @Test
    void aRollbackEcsRefusesIsExit2AndNothingMoreChanges() throws Exception {
        account.alarm("DriftSentry-HighErrorRate", StateValue.ALARM);
        ecs.refuseRollback = true;
        DriftgateProcess run = deploy();
        assertEquals(2, run.exitCode, run.output);
        JsonNode entry = ledger();
        assertEquals(RunOutcome.ROLLBACK_FAILED.name(), entry.get("outcome").asText());
        assertTrue(entry.get("reason").asText().contains("a person must act"), entry.get("reason").asText());
        assertEquals(1, aws.count("RegisterTaskDefinition"), "nothing registered after the refusal");
        assertEquals(2, aws.count("UpdateService"), "the deploy and the refused rollback, nothing after");
    }

    @Test
    void aDriverKilledWhileWaitingForStableLeavesAnIntentThatRecoverSettlesOnEcs() throws Exception {
        ecs.rollout = EcsFake.Rollout.HANGS;
        CompletableFuture<String> killed = DriftgateProcess.onceLogged(dir, "deploy", "stable: waiting until", () -> true, () -> {
            ProcessHandle driver = DriftgateProcess.running(dir, "deploy").orElseThrow();
            new ProcessBuilder("kill", "-KILL", Long.toString(driver.pid())).start().waitFor();
            return "killed";
        });
        DriftgateProcess run = deploy();
        assertEquals("killed", killed.get(30, TimeUnit.SECONDS));
        assertEquals(137, run.exitCode, run.output);
        assertEquals(EcsFake.REPO + ":0.2.0", EcsFake.REPO + ":" + ecs.servingTag(), "the unverified candidate is what ECS runs now");

        DriftgateProcess status = DriftgateProcess.run(dir, awsEnv(), "status", "--env", "ecs");
        assertTrue(status.output.contains("intent:      OPEN: an interrupted deploy run") && status.output.contains("restores " + EcsFake.REPO + ":0.1.0"),
                status.output);
        // What an operator must see first: ECS runs a release the ledger never recorded.
        assertTrue(status.output.contains("platform:    " + EcsFake.REPO + ":0.2.0 (ecs, asked now)")
                && status.output.contains("DRIFT:       the platform serves " + EcsFake.REPO + ":0.2.0 but the ledger records nothing"), status.output);
        DriftgateProcess recover = DriftgateProcess.run(dir, awsEnv(), "recover", "--env", "ecs");
        assertEquals(0, recover.exitCode, recover.output);
        JsonNode entry = ledger();
        assertEquals(RunOutcome.RECOVERED.name(), entry.get("outcome").asText(), entry.toString());
        DriftgateProcess settled = DriftgateProcess.run(dir, awsEnv(), "status", "--env", "ecs", "--json");
        JsonNode now = Json.MAPPER.readTree(settled.output.substring(settled.output.indexOf('{')));
        assertEquals(EcsFake.REPO + ":0.1.0", now.path("serving").asText(), settled.output);
        assertEquals(EcsFake.REPO + ":0.1.0", now.path("platformServing").asText(), "the platform agrees: " + settled.output);
        assertTrue(now.path("drift").isNull(), settled.output);
        assertEquals(List.of(EcsFake.FAMILY_ARN + "8", EcsFake.FAMILY_ARN + "7"), ecs.updates, "the noted revision is back");
        assertTrue(EmbeddedDeployTest.lastOfGate(entry, "health").toString().contains("version 0.1.0"), "and verified: " + entry);
    }

    @Test
    void aDriverCancelledWhileWaitingForStableRestoresTheNotedRevisionByItselfOnEcs() throws Exception {
        ecs.rollout = EcsFake.Rollout.HANGS;
        CompletableFuture<String> signalled = DriftgateProcess.onceLogged(dir, "deploy", "stable: waiting until", () -> true, () -> {
            DriftgateProcess.running(dir, "deploy").orElseThrow().destroy();
            return "SIGTERM";
        });
        DriftgateProcess run = deploy();
        assertEquals("SIGTERM", signalled.get(30, TimeUnit.SECONDS));
        assertEquals(4, run.exitCode, run.output);
        JsonNode entry = ledger();
        assertEquals(RunOutcome.ROLLED_BACK.name(), entry.get("outcome").asText(), entry.toString());
        assertEquals("SIGTERM", entry.get("interrupted").asText());
        assertEquals("0.1.0", ecs.servingTag());
        assertTrue(EmbeddedDeployTest.lastOfGate(entry, "health").toString().contains("version 0.1.0"), "verified: " + entry);
    }

    private JsonNode ledger() throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("target/state/ecs/ledger.jsonl"));
        assertEquals(1, lines.size());
        return AwsStandIn.JSON.readTree(lines.get(0));
    }

    /** The last entry of a stage's ledger. */
    private JsonNode ledger(String stage) throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("target/state/" + stage + "/ledger.jsonl"));
        return AwsStandIn.JSON.readTree(lines.get(lines.size() - 1));
    }
}
