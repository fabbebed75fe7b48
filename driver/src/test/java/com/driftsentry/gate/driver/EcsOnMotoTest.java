package com.driftsentry.gate.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.driver.gates.Gate;
import com.driftsentry.gate.driver.platform.DeployFailure;
import com.driftsentry.gate.driver.platform.Platform;
import com.driftsentry.gate.driver.platform.Platforms;
import com.driftsentry.gate.driver.platform.Release;
import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.environment.EnvironmentLoader;
import com.driftsentry.gate.environment.SecretResolver;
import com.driftsentry.gate.testing.Fixture;
import com.driftsentry.gate.testing.MotoServer;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.iam.model.AccessKey;

/**
 * The ECS platform's AWS calls against moto's server, an AWS implementation no one here wrote: what driftgate reads
 * (the serving release), what it sends (the candidate's task definition, the service update, a gate-only stage's
 * scaling), read back from moto's state, and the promotion checks over what moto holds. What moto cannot do (a
 * rollout that progresses, the circuit breaker, throttling) is {@link EcsPlatformTest}'s, on the stand-in.
 */
class EcsOnMotoTest {
    static final String ENV = """
            name: ecs
            target: { baseUrl: "https://api.example" }
            platform: { type: ecs, region: us-east-1, cluster: driftsentry-production, service: driftsentry-backend, stableTimeout: 60s }
            gates:
              alarms: [DriftSentry-HighErrorRate, DriftSentry-HighCPU]
              budget: { monthlyCapUsd: 1.00, name: driftsentry-monthly }
            """;

    @TempDir
    Path dir;
    MotoServer moto;
    MotoAws aws;
    String servingArn;

    @BeforeEach
    void account() {
        moto = MotoServer.fresh();
        aws = MotoAws.at(moto.endpoint());
        servingArn = aws.service("driftsentry-production", "driftsentry-backend", MotoAws.REPO + ":0.4.0", 2);
        aws.alarm("DriftSentry-HighErrorRate", StateValue.OK);
        aws.alarm("DriftSentry-HighCPU", StateValue.OK);
        aws.budget("driftsentry-monthly", "1.00", "0.42", "0.80");
        aws.image("0.4.0", 280_000_000L);
        aws.image("0.5.0", 300_000_000L);
        System.setProperty("gate.aws.endpoint", moto.endpoint());
    }

    @AfterEach
    void close() {
        aws.close();
        System.clearProperty("gate.aws.endpoint");
    }

    Platform platform(String yaml) throws Exception {
        Path envs = Files.createDirectories(dir.resolve("environments"));
        Files.writeString(envs.resolve("ecs.yaml"), yaml);
        Environment env = new EnvironmentLoader(envs, Map.of(), SecretResolver::fromSystem).load("ecs");
        return Platforms.create(env, Platforms.Options.of(Optional.empty(), dir));
    }

    @Test
    void theServingReleaseIsTheImageOfTheServicesTaskDefinition() throws Exception {
        try (Platform p = platform(ENV)) {
            Release serving = p.serving().orElseThrow();
            assertEquals("0.4.0", serving.version());
            assertEquals(MotoAws.REPO + ":0.4.0", serving.image(), "the application container's, not the sidecar's");
            assertEquals(servingArn, serving.revision());
        }
    }

    @Test
    void aDeployRegistersARevisionThatDiffersOnlyInTheApplicationImageAndPointsTheServiceAtIt() throws Exception {
        try (Platform p = platform(ENV)) {
            Release candidate = p.deploy(Release.parse(MotoAws.REPO + ":0.5.0"));
            TaskDefinition before = aws.taskDefinition(servingArn);
            TaskDefinition after = aws.taskDefinition(candidate.revision());
            assertNotEquals(servingArn, candidate.revision());
            assertEquals(before.revision() + 1, after.revision(), "a new revision of the same family");
            List<ContainerDefinition> expected = before.containerDefinitions().stream()
                    .map(c -> c.name().equals("api") ? c.toBuilder().image(MotoAws.REPO + ":0.5.0").build() : c).toList();
            assertEquals(expected, after.containerDefinitions(), "only the application container's image changed; the sidecar is as it was");
            assertEquals(List.of(before.family(), before.cpu(), before.memory(), before.networkMode(), before.executionRoleArn(),
                    before.taskRoleArn(), before.requiresCompatibilitiesAsStrings()), List.of(after.family(), after.cpu(), after.memory(),
                    after.networkMode(), after.executionRoleArn(), after.taskRoleArn(), after.requiresCompatibilitiesAsStrings()));
            Service service = aws.described("driftsentry-production", "driftsentry-backend");
            assertEquals(candidate.revision(), service.taskDefinition(), "the service runs the candidate's revision");
            assertEquals(2, service.desiredCount(), "an always-on stage keeps its task count");
        }
    }

    @Test
    void aGateOnlyStageRunsItsGatedTasksForADeployAndRestsAtNoneOnTheSameRevision() throws Exception {
        String gateOnly = Fixture.edit(ENV, "stableTimeout: 60s }", "stableTimeout: 60s, gateOnly: { tasks: 3 } }");
        aws.ecs.updateService(b -> b.cluster("driftsentry-production").service("driftsentry-backend").desiredCount(0));
        try (Platform p = platform(gateOnly)) {
            Release candidate = p.deploy(Release.parse(MotoAws.REPO + ":0.5.0"));
            assertEquals(3, aws.described("driftsentry-production", "driftsentry-backend").desiredCount());
            p.rest();
            Service rested = aws.described("driftsentry-production", "driftsentry-backend");
            assertEquals(0, rested.desiredCount());
            assertEquals(candidate.revision(), rested.taskDefinition(), "resting scales; it deploys nothing");
        }
    }

    @Test
    void aServiceMovedOffTheReleaseByHandIsSeenLost() throws Exception {
        try (Platform p = platform(ENV)) {
            Release serving = p.serving().orElseThrow();
            assertTrue(p.lost(serving).isEmpty());
            String other = aws.ecs.registerTaskDefinition(b -> b.family("driftsentry").containerDefinitions(
                    c -> c.name("api").image(MotoAws.REPO + ":0.3.9").memory(512))).taskDefinition().taskDefinitionArn();
            aws.updateByHand("driftsentry-production", "driftsentry-backend", other);
            assertTrue(p.lost(serving).orElseThrow().contains("now " + other), p.lost(serving).toString());
        }
    }

    @Test
    void promotionPassesOnlyWithEveryAlarmOkTheSpendUnderTheCapAndTheImageUnderItsBound() throws Exception {
        try (Platform p = platform(ENV)) {
            assertOutcomes(p, "0.5.0", Outcome.PASS, Outcome.PASS, Outcome.PASS);
        }
    }

    @Test
    void anAlarmInAlarmFailsAndANamedAlarmThatDoesNotExistIsNoEvidence() throws Exception {
        aws.alarm("DriftSentry-HighCPU", StateValue.ALARM);
        try (Platform p = platform(ENV)) {
            Verdict alarms = assertOutcomes(p, "0.5.0", Outcome.FAIL, Outcome.PASS, Outcome.PASS).get(0);
            assertTrue(alarms.lines().get(0).reason().contains("in ALARM: DriftSentry-HighCPU"), alarms.lines().toString());
        }
        try (Platform p = platform(Fixture.edit(ENV, "DriftSentry-HighCPU]", "DriftSentry-HighCPU-typo]"))) {
            aws.alarm("DriftSentry-HighCPU", StateValue.OK);
            Verdict alarms = assertOutcomes(p, "0.5.0", Outcome.INCONCLUSIVE, Outcome.PASS, Outcome.PASS).get(0);
            assertTrue(alarms.lines().get(0).reason().contains("no such alarm: DriftSentry-HighCPU-typo"), alarms.lines().toString());
        }
    }

    @Test
    void aBudgetOverItsCapFailsAndOneThatDoesNotExistIsNoEvidence() throws Exception {
        aws.budget("driftsentry-forecast-over", "1.00", "0.42", "1.20");
        try (Platform p = platform(Fixture.edit(ENV, "name: driftsentry-monthly", "name: driftsentry-forecast-over"))) {
            Verdict budget = assertOutcomes(p, "0.5.0", Outcome.PASS, Outcome.FAIL, Outcome.PASS).get(1);
            assertTrue(budget.lines().get(0).reason().contains("forecast spend is over the $1.00 cap"), budget.lines().toString());
        }
        try (Platform p = platform(Fixture.edit(ENV, "name: driftsentry-monthly", "name: driftsentry-nope"))) {
            Verdict budget = assertOutcomes(p, "0.5.0", Outcome.PASS, Outcome.INCONCLUSIVE, Outcome.PASS).get(1);
            assertTrue(budget.lines().get(0).reason().contains("budgets:ViewBudget"), budget.lines().toString());
        }
    }

    @Test
    void anImageOverItsBoundFailsAndOneEcrDoesNotHoldIsNoEvidence() throws Exception {
        aws.image("0.6.0", 612_000_000L);
        try (Platform p = platform(ENV)) {
            assertOutcomes(p, "0.6.0", Outcome.PASS, Outcome.PASS, Outcome.FAIL);
            Verdict missing = assertOutcomes(p, "0.7.0", Outcome.PASS, Outcome.PASS, Outcome.INCONCLUSIVE).get(2);
            assertTrue(missing.lines().get(0).reason().contains("ecr:DescribeImages"), missing.lines().toString());
        }
    }

    @Test
    void aCallTheDeployRoleMayNotMakeIsInconclusiveNamingTheCall() throws Exception {
        // AWS authorizes DescribeBudget as budgets:ViewBudget (what the deploy role grants); moto by the operation's own name.
        AccessKey key = aws.user("driftgate-deploy", "ecs:Describe*", "budgets:ViewBudget", "budgets:DescribeBudget", "ecr:DescribeImages");
        moto.enforceIam();
        MotoServer.credentials(key.accessKeyId(), key.secretAccessKey());
        try (Platform p = platform(ENV)) {
            assertEquals("0.4.0", p.serving().orElseThrow().version(), "what the role may do it does");
            Verdict alarms = assertOutcomes(p, "0.5.0", Outcome.INCONCLUSIVE, Outcome.PASS, Outcome.PASS).get(0);
            // moto wraps its 403 in <Errors>, which no AWS protocol the SDK reads does: the code is unread here, the status is.
            assertTrue(alarms.lines().get(0).reason().contains("cloudwatch:DescribeAlarms was refused: (HTTP 403) (fix: allow cloudwatch:DescribeAlarms"),
                    alarms.lines().toString());
            DeployFailure refused = assertThrows(DeployFailure.class, () -> p.deploy(Release.parse(MotoAws.REPO + ":0.5.0")));
            assertTrue(refused.getMessage().contains("ecs:RegisterTaskDefinition"), refused.getMessage());
        }
    }

    private static List<Verdict> assertOutcomes(Platform p, String tag, Outcome... expected) {
        List<Gate> checks = p.promotionChecks(Release.parse(MotoAws.REPO + ":" + tag).withRevision(null));
        List<Verdict> verdicts = checks.stream().map(Gate::judge).toList();
        assertEquals(List.of(expected), verdicts.stream().map(Verdict::outcome).toList(), verdicts.toString());
        return verdicts;
    }
}
