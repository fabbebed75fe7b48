package com.driftsentry.gate.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.driver.platform.DeployFailure;
import com.driftsentry.gate.driver.platform.Platform;
import com.driftsentry.gate.driver.platform.Platforms;
import com.driftsentry.gate.driver.platform.Release;
import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.environment.EnvironmentLoader;
import com.driftsentry.gate.environment.SecretResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What moto's server cannot do (shared/notes/moto.md), on the project's stand-in with the real AWS SDK clients: a
 * rollout that completes after some polls (moto's deployments stay IN_PROGRESS), one the circuit breaker fails, one
 * that hangs, a task that starts and exits and a task's public IP (moto's services start no task), throttling and a
 * refused rollback (moto never answers either). It proves our side of these calls only; what moto can serve (the
 * calls' shapes read back, the promotion checks, a refused permission) is {@link EcsOnMotoTest}'s.
 */
class EcsPlatformTest {
    @TempDir
    Path dir;
    AwsStandIn aws;
    EcsFake ecs;

    @BeforeEach
    void standIn() throws Exception {
        aws = new AwsStandIn();
        ecs = new EcsFake(aws, "0.1.0");
        System.setProperty("gate.aws.endpoint", aws.endpoint());
        System.setProperty("gate.ecs.pollMillis", "50");
        System.setProperty("aws.accessKeyId", "AKIDSTANDIN");
        System.setProperty("aws.secretAccessKey", "standin-secret");
    }

    @AfterEach
    void stop() {
        aws.close();
        System.clearProperty("gate.aws.endpoint");
        System.clearProperty("gate.ecs.pollMillis");
    }

    Platform platform(String baseUrl) throws Exception {
        // Long enough that a loaded machine's pause between two polls never decides a rollout that completes.
        return platform(baseUrl, "60s");
    }

    Platform platform(String baseUrl, String stableTimeout) throws Exception {
        Path envs = Files.createDirectories(dir.resolve("environments"));
        Files.writeString(envs.resolve("ecs.yaml"), """
                name: ecs
                target: { baseUrl: "%s", apiKey: dsk_standinKey_00000000000000000000000000000000 }
                platform: { type: ecs, region: us-east-1, cluster: c, service: svc, stableTimeout: %s }
                gates:
                  alarms: [DriftSentry-HighErrorRate]
                  budget: { monthlyCapUsd: 1.00, name: driftsentry-monthly }
                """.formatted(baseUrl, stableTimeout));
        Environment env = new EnvironmentLoader(envs, Map.of(), SecretResolver::fromSystem).load("ecs");
        return Platforms.create(env, Platforms.Options.of(Optional.empty(), dir));
    }

    @Test
    void aCandidateIsARevisionThatDiffersOnlyInTheImageAndWaitsUntilCompleted() throws Exception {
        try (Platform p = platform("task")) {
            Release serving = p.serving().orElseThrow();
            assertEquals("0.1.0", serving.version());
            assertEquals(EcsFake.FAMILY_ARN + "7", serving.revision());
            Release candidate = p.deploy(Release.parse(EcsFake.REPO + ":0.2.0"));
            assertEquals(EcsFake.FAMILY_ARN + "8", candidate.revision());
            assertEquals(1, aws.count("RegisterTaskDefinition"));
            assertEquals(java.util.List.of(EcsFake.FAMILY_ARN + "8"), ecs.updates);
            p.awaitStable(candidate);
            assertEquals("http://127.0.0.1:3002", p.endpoint(candidate).baseUrl(), "the task's public IP from its network interface");
            assertTrue(aws.count("DescribeNetworkInterfaces") >= 1);
        }
    }

    @Test
    void aCircuitBreakerFailureFailsTheDeploy() throws Exception {
        ecs.rollout = EcsFake.Rollout.CIRCUIT_BREAKER;
        try (Platform p = platform("https://lb.example")) {
            Release candidate = p.deploy(Release.parse(EcsFake.REPO + ":0.2.0"));
            DeployFailure e = assertThrows(DeployFailure.class, () -> p.awaitStable(candidate));
            assertTrue(e.getMessage().contains("circuit breaker: tasks failed to start"), e.getMessage());
        }
    }

    @Test
    void aDeploymentThatHangsFailsAtTheStableTimeout() throws Exception {
        ecs.rollout = EcsFake.Rollout.HANGS;
        try (Platform p = platform("https://lb.example", "2s")) {
            Release candidate = p.deploy(Release.parse(EcsFake.REPO + ":0.2.0"));
            long started = System.nanoTime();
            // Kept: it ends (the guard only catches a wait that never would), and not before the 2 s it was given.
            DeployFailure e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(DeployFailure.class, () -> p.awaitStable(candidate)));
            assertTrue(e.getMessage().contains("was not stable within 2 s (last: IN_PROGRESS, 0 of 1 running)"), e.getMessage());
            assertTrue(System.nanoTime() - started >= 2_000_000_000L, "waited the whole timeout");
        }
    }

    @Test
    void aTaskThatStartsAndExitsFailsTheDeploy() throws Exception {
        ecs.rollout = EcsFake.Rollout.TASK_EXITS;
        try (Platform p = platform("https://lb.example")) {
            Release candidate = p.deploy(Release.parse(EcsFake.REPO + ":0.2.0"));
            DeployFailure e = assertThrows(DeployFailure.class, () -> p.awaitStable(candidate));
            assertTrue(e.getMessage().contains("stopped: Essential container in task exited (api exited with 70)"), e.getMessage());
        }
    }

    @Test
    void throttlingIsRetriedByTheSdk() throws Exception {
        ecs.throttleDescribes = 2;
        try (Platform p = platform("https://lb.example")) {
            assertEquals("0.1.0", p.serving().orElseThrow().version());
            assertEquals(3, aws.count("DescribeServices"), "two throttled attempts, then the answer");
        }
    }

    @Test
    void aRefusedRollbackIsAFailureThatChangesNothingMore() throws Exception {
        ecs.refuseRollback = true;
        try (Platform p = platform("https://lb.example")) {
            Release serving = p.serving().orElseThrow();
            Release candidate = p.deploy(Release.parse(EcsFake.REPO + ":0.2.0"));
            p.awaitStable(candidate);
            DeployFailure e = assertThrows(DeployFailure.class, () -> p.restore(serving, Optional.of(candidate)));
            assertTrue(e.getMessage().contains("ECS refused the rollback") && e.getMessage().contains("TaskDefinition is inactive"), e.getMessage());
            assertEquals(1, aws.count("RegisterTaskDefinition"), "no further registration");
        }
    }
}
