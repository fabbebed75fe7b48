package com.driftsentry.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The load generators' task definition, roles and image repository: built for a stage whose load runs on ECS, and for no other. */
class LoadGeneratorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void noShippedEnvironmentRunsGeneratorsOnEcsSoNoneOfItIsBuilt() {
        Stacks.of("DriftSentry-Shared").resourceCountIs("AWS::ECR::Repository", 1);
        for (String stage : List.of("staging", "production")) {
            Stacks.of("DriftSentry-" + stage).resourceCountIs("AWS::ECS::TaskDefinition", 1);
        }
        assertTrue(!policies(Stacks.of("DriftSentry-Shared")).contains("ecs:RunTask"), "no RunTask without generators");
    }

    @Test
    void theGeneratorTaskIsTheFamilyTheEnvironmentNamesAndItsImageRepositoryKeepsThree() {
        SharedStackTest.assertScannedImmutableKeeping(Stacks.scaledOut("DriftSentry-Shared"), "driftsentry-load-generator", 3);
        Template staging = Stacks.scaledOut("DriftSentry-staging");
        staging.hasResourceProperties("AWS::ECS::TaskDefinition", Match.objectLike(Map.of("Family", Stacks.GENERATOR_FAMILY,
                "Cpu", "1024", "Memory", "2048", "RequiresCompatibilities", List.of("FARGATE"), "NetworkMode", "awsvpc",
                "RuntimePlatform", Map.of("CpuArchitecture", "ARM64", "OperatingSystemFamily", "LINUX"),
                "ContainerDefinitions", List.of(Match.objectLike(Map.of("Name", LoadGenerators.CONTAINER, "User", "10001:10001",
                        "Environment", List.of(Map.of("Name", "DRIFTGATE_STATE_BUCKET", "Value", "driftsentry-driftgate-state")),
                        "LogConfiguration", Match.objectLike(Map.of("LogDriver", "awslogs"))))))));
        // Production does not run generators: its stack has only the API's task definition.
        Stacks.scaledOut("DriftSentry-production").resourceCountIs("AWS::ECS::TaskDefinition", 1);
    }

    @Test
    void aGeneratorMayTouchItsRunsObjectsAndReadItsEnvironmentsSecretsAndNothingElse() throws Exception {
        Template staging = Stacks.scaledOut("DriftSentry-staging");
        String role = staging.findResources("AWS::IAM::Role", Map.of("Properties", Map.of("RoleName", "driftsentry-staging-generator-task")))
                .keySet().iterator().next();
        Map<String, Map<String, Object>> policies = staging.findResources("AWS::IAM::Policy",
                Map.of("Properties", Match.objectLike(Map.of("Roles", List.of(Map.of("Ref", role))))));
        assertEquals(1, policies.size(), policies.toString());
        String policy = JSON.writeValueAsString(policies.values().iterator().next());
        List<String> actions = SharedStackTest.actions(policies.values().iterator().next());
        assertEquals(List.of("s3:GetObject", "s3:PutObject", "s3:ListBucket", "cloudformation:DescribeStacks", "secretsmanager:GetSecretValue"),
                actions, policy);
        assertTrue(policy.contains("driftsentry-driftgate-state/driftgate/staging/scaleout/*"), policy);
        assertTrue(policy.contains("\"s3:prefix\":[\"driftgate/staging/scaleout/*\"]"), policy);
        assertTrue(policy.contains(":secret:driftsentry/staging/load-api-key-*"), policy);
        assertTrue(!policy.contains("production"), "nothing of another stage: " + policy);
    }

    @Test
    void theDeployRoleRunsOnlyTheGeneratorsTaskDefinitionOnItsStagesClusterAndPassesOnlyItsRoles() throws Exception {
        Template shared = Stacks.scaledOut("DriftSentry-Shared");
        String policy = JSON.writeValueAsString(shared.findResources("AWS::IAM::Policy"));
        Map<String, Object> runTask = Map.of("Action", "ecs:RunTask", "Effect", "Allow",
                "Condition", Map.of("ArnEquals", Map.of("ecs:cluster", List.of(Map.of("Fn::Join", Match.arrayWith(List.of(
                        Match.arrayWith(List.of(":cluster/driftsentry-staging")))))))),
                "Resource", Map.of("Fn::Join", Match.arrayWith(List.of(Match.arrayWith(List.of(":task-definition/" + Stacks.GENERATOR_FAMILY + ":*"))))));
        shared.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Match.objectLike(Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(runTask))))), "Roles", Match.anyValue(), "PolicyName", Match.anyValue()));
        Map<String, Object> stopTask = Map.of("Action", "ecs:StopTask", "Effect", "Allow",
                "Condition", Map.of("StringEquals", Map.of("aws:ResourceTag/driftgate-role", "load-generator")), "Resource", Match.anyValue());
        shared.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Match.objectLike(Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(stopTask))))), "Roles", Match.anyValue(), "PolicyName", Match.anyValue()));
        assertTrue(policy.contains(":task/driftsentry-staging/*"), "StopTask on staging's generator tasks: " + policy);
        assertTrue(policy.contains("{\"Action\":\"ecs:TagResource\",\"Condition\":{\"StringEquals\":{\"ecs:CreateAction\":\"RunTask\"}}"), policy);
        assertTrue(policy.contains(":role/driftsentry-staging-generator-task") && policy.contains(":role/driftsentry-staging-generator-execution"), policy);
        assertTrue(!policy.contains("driftsentry-production-generator"), "production runs no generators: " + policy);
        String engine = java.nio.file.Files.readString(Stacks.REPOSITORY.resolve("simulations/src/main/java/com/driftsentry/gate/load/EcsEngine.java"));
        assertTrue(engine.contains("ROLE_TAG = \"" + DeployRole.GENERATOR_TAG + "\"") && engine.contains("GENERATOR_ROLE = \"" + DeployRole.GENERATOR_ROLE + "\""),
                "the tag the engine puts on its tasks is the one the role's StopTask asks for");
    }

    @Test
    void everyStagesRunChannelExpiresAfterAWeekAndNothingElseOfTheStateDoes() throws Exception {
        Map<String, Map<String, Object>> buckets = Stacks.of("DriftSentry-Shared").findResources("AWS::S3::Bucket",
                Map.of("Properties", Match.objectLike(Map.of("BucketName", "driftsentry-driftgate-state"))));
        String rules = JSON.writeValueAsString(((Map<?, ?>) buckets.values().iterator().next().get("Properties")).get("LifecycleConfiguration"));
        for (String stage : List.of("staging", "production")) {
            assertTrue(rules.contains("{\"ExpirationInDays\":7,\"Id\":\"scaleout-" + stage + "\",\"NoncurrentVersionExpiration\":{\"NoncurrentDays\":1},"
                    + "\"Prefix\":\"driftgate/" + stage + "/scaleout/\",\"Status\":\"Enabled\"}"), rules);
        }
        assertEquals(2, rules.split("ExpirationInDays").length - 1, "the ledger, the lock, the evidence and its run notes are kept: " + rules);
    }

    @Test
    void aGeneratorSettingTheStackCannotBuildIsRefusedWithItsField() throws Exception {
        Path file = Path.of("environments/staging.yaml");
        var sizes = JSON.createObjectNode();
        IllegalArgumentException family = assertThrows(IllegalArgumentException.class, () -> LoadGenerators.Settings.read(file,
                JSON.readTree("{\"gates\":{\"load\":{\"generators\":{\"count\":2,\"engine\":\"ecs\",\"taskDefinition\":\"a b\"}}},"
                        + "\"state\":{\"type\":\"s3\"}}"), sizes, ""));
        assertTrue(family.getMessage().contains("gates.load.generators.taskDefinition: 'a b'") && family.getMessage().contains("fix:"), family.getMessage());
        IllegalArgumentException state = assertThrows(IllegalArgumentException.class, () -> LoadGenerators.Settings.read(file,
                JSON.readTree("{\"gates\":{\"load\":{\"generators\":{\"count\":2,\"engine\":\"ecs\",\"taskDefinition\":\"g\"}}},"
                        + "\"state\":{\"type\":\"file\"}}"), sizes, ""));
        assertTrue(state.getMessage().contains("state.type") && state.getMessage().contains("fix:"), state.getMessage());
        assertTrue(LoadGenerators.Settings.read(file, JSON.readTree("{\"gates\":{\"load\":{\"generators\":{\"count\":2}}}}"), sizes, "").isEmpty(),
                "local generators need nothing of the stack");
    }

    private static String policies(Template t) {
        try {
            return JSON.writeValueAsString(t.findResources("AWS::IAM::Policy"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
