package com.driftsentry.gate.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.reference.embedded.EmbeddedTarget;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The {@code ecs} engine end to end: the coordinator's real ECS client asks {@link EcsTasksStandIn} for three generator
 * tasks, whose RunTask starts each as the generator image would run it, against a local reference service; their
 * evidence, written to the stage's store, is merged and judged once, and every task is stopped after.
 */
class EcsGeneratorsTest {
    private static final String ENVIRONMENT = """
            # A stage on ECS whose load gate is made by three generator tasks on its cluster.
            name: ecsgen
            target: { baseUrl: "http://127.0.0.1:9", apiKey: "${env:ECSGEN_KEY}" }
            platform: { type: ecs, region: us-east-1, cluster: driftsentry-e2e, service: driftsentry-backend-e2e }
            gates:
              load:
                simulation: ApiMixSimulation
                generators: { count: 3, engine: ecs, taskDefinition: DriftSentry-e2e-load-generator }
                profile: { rampTo: 45/s, over: 1s, hold: 8s }
                minRequests: 150
                thresholds:
                  - { scope: drifts,    metric: p99, max: 2s }
                  - { scope: dashboard, metric: p99, max: 2s }
                  - { scope: global,    metric: errorRate, max: 0% }
            state: { type: file, path: STORE }
            """;

    @Test
    void threeGeneratorTasksMakeOneMergedRunJudgedOnceAndEveryTaskEnds() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target"), "ecs-").toAbsolutePath();
        String file = ENVIRONMENT.replace("STORE", work.resolve("state").toString());
        // The runner's checkout, and the generator image's working folder: both hold the same environment files.
        Path runner = Files.createDirectories(work.resolve("runner/environments"));
        Path image = Files.createDirectories(work.resolve("image/environments")).getParent();
        for (Path environments : List.of(runner, image.resolve("environments"))) {
            Files.writeString(environments.resolve("ecsgen.yaml"), file);
            Files.copy(Path.of("..", "environments", "local.yaml"), environments.resolve("local.yaml"));
        }
        try (EmbeddedTarget reference = EmbeddedTarget.start(300, Map.of(), work.resolve("reference"));
             EcsTasksStandIn ecs = new EcsTasksStandIn(image, Map.of("ECSGEN_KEY", reference.adminKey()))) {
            GatlingProcess run = GatlingProcess.run("ApiMixSimulation", Map.of("env", "ecsgen", "gate.environments", runner.toString(),
                    "gate.baseUrl", reference.baseUrl()), Map.of("GATE_AWS_ENDPOINT", ecs.endpoint(), "AWS_ACCESS_KEY_ID", "AKIDSTANDIN",
                    "AWS_SECRET_ACCESS_KEY", "standin-secret", "ECSGEN_KEY", reference.adminKey()));
            assertTrue(run.output.contains("driftgate load: 3 generators (ecs)"), run.output);
            assertEquals("PASS", run.verdict().get("outcome").asText(), run.output);
            assertEquals(0, run.exitCode, run.output);
            JsonNode generators = run.line("generators");
            assertTrue(generators.get("measured").asText().matches("(?s).*0: [0-9,]+.*1: [0-9,]+.*2: [0-9,]+.*"), generators.toString());

            List<String> runTasks = ecs.requests.stream().filter(r -> r.startsWith("RunTask ")).toList();
            assertEquals(3, runTasks.size(), ecs.requests.toString());
            for (int i = 0; i < 3; i++) {
                JsonNode request = new com.fasterxml.jackson.databind.ObjectMapper().readTree(runTasks.get(i).substring("RunTask ".length()));
                assertEquals("FARGATE", request.get("launchType").asText());
                assertEquals(EcsTasksStandIn.TASK_DEFINITION_ARN + "DriftSentry-e2e-load-generator:1", request.get("taskDefinition").asText(),
                        "the revision described, not whatever the family's latest is by then");
                assertEquals("subnet-1", request.at("/networkConfiguration/awsvpcConfiguration/subnets/0").asText(), "the service's network");
                assertTrue(request.get("startedBy").asText().startsWith("run-"), "tagged with the run: " + request);
                String options = request.at("/overrides/containerOverrides/0/environment/0/value").asText();
                assertTrue(options.contains("-Dgate.generator.index=" + i) && options.contains("-Dgate.generator.count=3")
                        && options.contains("-Denv=ecsgen") && options.contains("-Dgate.baseUrl=" + reference.baseUrl()), options);
                assertFalse(runTasks.get(i).contains(reference.adminKey()), "no key in a task's overrides");
            }
            // Every task ends: on its own after its share, or by StopTask.
            Awaitility.await("every generator task to end").atMost(Duration.ofSeconds(30))
                    .until(() -> ecs.started().stream().noneMatch(Process::isAlive));
            assertTrue(ecs.requests.stream().anyMatch(r -> r.startsWith("DescribeTasks ")), "the coordinator watched its tasks");
        }
    }
}
