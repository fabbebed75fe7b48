package com.driftsentry.infra;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LogDrivers;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The load generators' task definition of a stage whose environment runs its load on ECS
 * ({@code gates.load.generators: { engine: ecs, taskDefinition: <family> }}): one container of the generator image
 * (simulations/Dockerfile, which runs {@code EnvironmentSimulation}), started by driftgate with RunTask, one task per
 * generator. Its task role may do what a generator does and no more: read and write the runs' channel objects under the
 * stage's {@code scaleout/} prefix in the state bucket (gate-core's RunChannel), read the secrets its environment file names (the load key among
 * them) and its stage stack's outputs (a {@code ${stack:…}} setting).
 */
final class LoadGenerators extends Construct {
    static final String CONTAINER = "generator";

    /** What the environment file and infra/stages.yaml say about a stage's generator tasks. */
    record Settings(String family, int count, int cpu, int memoryMiB, String statePrefix) {
        /** Empty unless {@code gates.load.generators.engine} is ecs; a setting the stack cannot build from is refused with its file and field. */
        static Optional<Settings> read(Path envFile, JsonNode env, JsonNode sizes, String statePrefix) {
            JsonNode g = env.path("gates").path("load").path("generators");
            if (!"ecs".equals(g.path("engine").asText())) {
                return Optional.empty();
            }
            String family = g.path("taskDefinition").asText();
            if (!family.matches("[A-Za-z0-9_-]{1,255}")) {
                throw new IllegalArgumentException(envFile + ": gates.load.generators.taskDefinition: '" + family + "' is not a task "
                        + "definition family (fix: e.g. driftsentry-<stage>-load-generator)");
            }
            JsonNode state = env.path("state");
            if (!"s3".equals(state.path("type").asText())) {
                throw new IllegalArgumentException(envFile + ": state.type: generator tasks reach the run through the state bucket only "
                        + "(fix: state: { type: s3, bucket: ${env:DRIFTGATE_STATE_BUCKET}, prefix: driftgate/<stage> })");
            }
            JsonNode size = sizes.path("loadGenerator");
            return Optional.of(new Settings(family, g.path("count").asInt(1), size.path("cpu").asInt(1024), size.path("memoryMiB").asInt(2048),
                    statePrefix));
        }

        /** The runs' channel: where a generator reads its start and stop and writes its evidence. */
        String channelPrefix() {
            return StageSettings.channelPrefix(statePrefix);
        }
    }

    final FargateTaskDefinition task;

    LoadGenerators(Construct scope, String id, StageSettings s, Settings g, IRepository images, String stateBucket, LogGroup logs) {
        super(scope, id);
        Role execution = Role.Builder.create(this, "Execution").roleName(StageStack.roleName(s, "generator-execution"))
                .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com")).build();
        Role taskRole = Role.Builder.create(this, "TaskRole").roleName(StageStack.roleName(s, "generator-task"))
                .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com")).description("a load generator: the run's objects and the load key").build();
        taskPolicy(s, g, stateBucket).forEach(taskRole::addToPolicy);
        this.task = FargateTaskDefinition.Builder.create(this, "Task").family(g.family()).cpu(g.cpu()).memoryLimitMiB(g.memoryMiB())
                .executionRole(execution).taskRole(taskRole)
                .runtimePlatform(RuntimePlatform.builder().cpuArchitecture(CpuArchitecture.ARM64).operatingSystemFamily(OperatingSystemFamily.LINUX).build())
                .build();
        // "bootstrap" until the first run: driftgate registers a revision with the image the deploy workflow pushed for the commit.
        task.addContainer(CONTAINER, ContainerDefinitionOptions.builder().image(ContainerImage.fromEcrRepository(images, "bootstrap"))
                .user("10001:10001").essential(true)
                // The environment file's state bucket is ${env:DRIFTGATE_STATE_BUCKET}, as on the runner.
                .environment(Map.of("DRIFTGATE_STATE_BUCKET", stateBucket))
                .logging(LogDrivers.awsLogs(AwsLogDriverProps.builder().logGroup(logs).streamPrefix(CONTAINER).build()))
                .build());
    }

    static List<PolicyStatement> taskPolicy(StageSettings s, Settings g, String stateBucket) {
        String arn = "arn:" + Aws.PARTITION + ":";
        String regionAccount = Aws.REGION + ":" + Aws.ACCOUNT_ID;
        String bucket = arn + "s3:::" + stateBucket;
        List<PolicyStatement> all = new java.util.ArrayList<>(List.of(
                PolicyStatement.Builder.create().actions(List.of("s3:GetObject", "s3:PutObject")).resources(List.of(bucket + "/" + g.channelPrefix() + "*")).build(),
                // Without ListBucket a start not yet written reads as 403, not 404: allowed on the runs' prefix only.
                PolicyStatement.Builder.create().actions(List.of("s3:ListBucket")).resources(List.of(bucket))
                        .conditions(Map.of("StringLike", Map.of("s3:prefix", List.of(g.channelPrefix() + "*")))).build(),
                PolicyStatement.Builder.create().actions(List.of("cloudformation:DescribeStacks"))
                        .resources(List.of(arn + "cloudformation:" + regionAccount + ":stack/DriftSentry-" + s.stage() + "/*")).build()));
        if (!s.secrets().isEmpty()) {
            all.add(PolicyStatement.Builder.create().actions(List.of("secretsmanager:GetSecretValue"))
                    .resources(s.secrets().stream().map(name -> arn + "secretsmanager:" + regionAccount + ":secret:" + name + "-*").toList()).build());
        }
        return all;
    }
}
