package com.driftsentry.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Each stage's stack as CDK synthesizes it (offline), held to the design: what costs money is absent, what protects data is there. */
class StageStackTest {

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void noNatGatewayNoLoadBalancerNoElastiCache(String stage) {
        Template t = Stacks.of("DriftSentry-" + stage);
        t.resourceCountIs("AWS::EC2::NatGateway", 0);
        t.resourceCountIs("AWS::ElasticLoadBalancingV2::LoadBalancer", 0);
        t.resourceCountIs("AWS::ElasticLoadBalancing::LoadBalancer", 0);
        t.resourceCountIs("AWS::ElastiCache::CacheCluster", 0);
        t.resourceCountIs("AWS::ElastiCache::ReplicationGroup", 0);
        t.resourceCountIs("AWS::ElastiCache::ServerlessCache", 0);
        t.resourceCountIs("AWS::EC2::EIP", 0);
    }

    @Test
    void theDatabaseIsTheSmallestEncryptedPrivateSingleAzWithAWeekOfBackups() {
        String stage = "production";
        Template t = Stacks.of("DriftSentry-" + stage);
        t.resourceCountIs("AWS::RDS::DBInstance", 1);
        t.hasResourceProperties("AWS::RDS::DBInstance", Map.of("DBInstanceClass", "db.t4g.micro", "AllocatedStorage", "20",
                "BackupRetentionPeriod", 7, "MultiAZ", false, "StorageEncrypted", true, "PubliclyAccessible", false,
                "Engine", "postgres", "DeletionProtection", stage.equals("production")));
        // The database's security group admits PostgreSQL from the tasks' group only.
        Map<String, Map<String, Object>> ingress = t.findResources("AWS::EC2::SecurityGroupIngress",
                Map.of("Properties", Map.of("FromPort", 5432)));
        assertEquals(1, ingress.size(), ingress.toString());
        Map<?, ?> rule = (Map<?, ?>) ingress.values().iterator().next().get("Properties");
        assertTrue(rule.containsKey("SourceSecurityGroupId") && !rule.containsKey("CidrIp"), rule.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theServiceIsNamedAsTheEnvironmentSaysAndRollsBackOnItsOwn(String stage) {
        Template t = Stacks.of("DriftSentry-" + stage);
        t.hasResourceProperties("AWS::ECS::Cluster", Map.of("ClusterName", "driftsentry-" + stage));
        t.hasResourceProperties("AWS::ECS::Service", Map.of("ServiceName", "driftsentry-backend-" + stage, "LaunchType", "FARGATE",
                "DeploymentConfiguration", Match.objectLike(Map.of("DeploymentCircuitBreaker", Map.of("Enable", true, "Rollback", true))),
                "NetworkConfiguration", Map.of("AwsvpcConfiguration", Match.objectLike(Map.of("AssignPublicIp", "ENABLED")))));
    }

    @Test
    void theTaskRunsAsNonRootOnAReadOnlyRootWithItsPasswordFromSecretsManagerOnly() {
        Template t = Stacks.of("DriftSentry-production");
        List<?> containers = containers(t);
        assertEquals(2, containers.size(), "the API and its Redis sidecar");
        for (Object c : containers) {
            Map<?, ?> container = (Map<?, ?>) c;
            assertEquals(true, container.get("ReadonlyRootFilesystem"), container.get("Name") + " has a read-only root");
            assertFalse(String.valueOf(container.get("User")).startsWith("0") || "root".equals(container.get("User")),
                    container.get("Name") + " runs as " + container.get("User"));
        }
        Map<?, ?> api = (Map<?, ?>) containers.get(0);
        String health = String.valueOf(((Map<?, ?>) api.get("HealthCheck")).get("Command"));
        assertTrue(health.contains("com.driftsentry.reference.health.HealthCheck"), "the image's own check, as its Dockerfile runs it: " + health);
        assertTrue(String.valueOf(api.get("Secrets")).contains("DATABASE_PASSWORD"), String.valueOf(api.get("Secrets")));
        String environment = String.valueOf(api.get("Environment")).toLowerCase();
        assertFalse(environment.contains("password=") || environment.contains("secretstring"), "no secret as a plain value: " + environment);
        t.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
        // The hosted page's CloudFront domain may call the API from a browser; the environment file names it as this stack's output.
        String cors = String.valueOf(api.get("Environment"));
        assertTrue(cors.contains("{Name=DRIFTSENTRY_CORS_ORIGINS, Value={Fn::Join=[, [https://, {Fn::GetAtt=[Dashboard"), cors);
    }

    @Test
    void theCorsListTakesAnEnvironmentFilesOwnOriginsAndLeavesTheStacksOwnOutputsToTheStack(@TempDir Path repository) throws Exception {
        Files.createDirectories(repository.resolve("environments"));
        Files.createDirectories(repository.resolve("infra"));
        Files.writeString(repository.resolve("infra/stages.yaml"), "stages:\n  demo: { logRetentionDays: 7 }\n");
        Files.writeString(repository.resolve("environments/demo.yaml"), """
                name: demo
                target: { baseUrl: "${stack:DriftSentry-demo#ApiUrl}" }
                platform: { type: ecs, cluster: c, service: s }
                gates:
                  smoke: { tags: [health], allowedOrigin: "${stack:DriftSentry-demo#DashboardUrl}" }
                  browser: { dashboardUrl: "https://app.example.com/board" }
                """);
        assertEquals(List.of("https://app.example.com"), StageSettings.read(repository, "demo").corsOrigins());
    }

    @Test
    void aGateOnlyStageRestsAtNoTasksWithItsDatabaseInTheTaskOnLoopbackOnly() {
        Template t = Stacks.of("DriftSentry-staging");
        t.hasResourceProperties("AWS::ECS::Service", Match.objectLike(Map.of("DesiredCount", 0)));
        t.resourceCountIs("AWS::RDS::DBInstance", 0);
        t.resourceCountIs("AWS::CloudWatch::Dashboard", 0);
        List<?> containers = containers(t);
        assertEquals(List.of("api", "postgres", "redis"), containers.stream().map(c -> ((Map<?, ?>) c).get("Name")).toList());
        Map<?, ?> api = (Map<?, ?>) containers.get(0);
        Map<?, ?> postgres = (Map<?, ?>) containers.get(1);
        assertEquals("[postgres, -c, listen_addresses=127.0.0.1]", String.valueOf(postgres.get("Command")), "reachable from the task only");
        assertEquals(true, postgres.get("ReadonlyRootFilesystem"), "writes go to the task's own volumes only");
        assertTrue(String.valueOf(api.get("DependsOn")).contains("HEALTHY"), "the API starts once PostgreSQL answers: " + api.get("DependsOn"));
        assertTrue(String.valueOf(api.get("Environment")).contains("postgres://driftsentry@127.0.0.1:5432/driftsentry"), String.valueOf(api.get("Environment")));
        assertFalse(String.valueOf(api.get("Secrets")).contains("DATABASE_PASSWORD"), "no password to keep: nothing outside the task reaches it");
        t.resourceCountIs("AWS::SecretsManager::Secret", 1);
        t.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 7));
    }

    private static List<?> containers(Template t) {
        Map<String, Map<String, Object>> tasks = t.findResources("AWS::ECS::TaskDefinition");
        assertEquals(1, tasks.size());
        return (List<?>) ((Map<?, ?>) tasks.values().iterator().next().get("Properties")).get("ContainerDefinitions");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theAlarmsAndTheBudgetAreTheOnesTheEnvironmentNames(String stage) throws Exception {
        Template t = Stacks.of("DriftSentry-" + stage);
        StageSettings s = StageSettings.read(Stacks.REPOSITORY, stage);
        assertEquals(2, s.alarms().size());
        for (String alarm : s.alarms()) {
            t.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of("AlarmName", alarm,
                    "AlarmActions", Match.anyValue())));
        }
        t.hasResourceProperties("AWS::Budgets::Budget", Map.of("Budget", Match.objectLike(Map.of("BudgetName", s.budgetName(),
                "BudgetLimit", Map.of("Amount", s.monthlyCapUsd(), "Unit", "USD"), "TimeUnit", "MONTHLY")),
                "NotificationsWithSubscribers", List.of(notification(50), notification(80), notification(100))));
        t.resourceCountIs("AWS::CloudWatch::Dashboard", stage.equals("production") ? 1 : 0);
        t.hasResourceProperties("AWS::Logs::MetricFilter", Map.of("FilterPattern",
                "{ ($.loggerName = \"access\") && ($.kvpList[2].status = \"5*\") }", "MetricTransformations", Match.anyValue(),
                "LogGroupName", Match.anyValue()));
        for (String secret : s.secrets()) {
            t.hasResourceProperties("AWS::SecretsManager::Secret", Match.objectLike(Map.of("Name", secret)));
        }
    }

    private static Object notification(int percent) {
        return Match.objectLike(Map.of("Notification", Map.of("NotificationType", "ACTUAL", "ComparisonOperator", "GREATER_THAN",
                "Threshold", percent, "ThresholdType", "PERCENTAGE")));
    }

    @Test
    void anAlarmNameTheStackCannotCreateIsRefusedNamingTheFileAndField(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("environments"));
        Files.createDirectories(dir.resolve("infra"));
        Files.copy(Stacks.REPOSITORY.resolve("infra/stages.yaml"), dir.resolve("infra/stages.yaml"));
        Files.copy(Stacks.REPOSITORY.resolve("environments/production.yaml"), dir.resolve("environments/production.yaml"));
        Files.writeString(dir.resolve("environments/staging.yaml"), Files.readString(Stacks.REPOSITORY.resolve("environments/staging.yaml"))
                .replace("DriftSentry-staging-HighCPU", "DriftSentry-staging-DiskFull"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InfraApp.build(new App(), dir));
        assertEquals("environments/staging.yaml: gates.alarms: [DriftSentry-staging-DiskFull] is not an alarm this stack creates"
                + " (fix: a name ending HighCPU or HighErrorRate)", e.getMessage());
    }
}
