package com.driftsentry.gate.driver.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.driver.gates.CostGate;
import com.driftsentry.gate.environment.DeployConfig;
import com.driftsentry.gate.verdict.Outcome;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The estimator on small templates whose month can be worked out by hand from the price table, and
 * the facts of {@code ../shared/notes/aws-cost.md}: two always-on 0.25 vCPU tasks with public
 * addresses and a db.t4g.micro with 20 GB cost about $36 (ARM) to $40 (x86) a month.
 */
class StackEstimatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PriceTable PRICES = PriceTable.aws();
    private static final DeployConfig.Usage NO_USAGE = new DeployConfig.Usage(OptionalDouble.empty(), 0, 0, 0, OptionalDouble.empty(), 0, OptionalDouble.empty());

    static JsonNode template(String arch, int desired, String extra) throws Exception {
        return JSON.readTree(("""
                {"Resources": {
                  "Task": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"Cpu": "256", "Memory": "512",
                           "RuntimePlatform": {"CpuArchitecture": "ARCH", "OperatingSystemFamily": "LINUX"}}},
                  "Service": {"Type": "AWS::ECS::Service", "Properties": {"ServiceName": "api", "LaunchType": "FARGATE", "DesiredCount": DESIRED,
                           "TaskDefinition": {"Ref": "Task"},
                           "NetworkConfiguration": {"AwsvpcConfiguration": {"AssignPublicIp": "ENABLED"}}}},
                  "Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"DBInstanceClass": "db.t4g.micro", "AllocatedStorage": "20",
                           "StorageType": "gp3", "MultiAZ": false}},
                  "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {}}EXTRA
                }}""").replace("ARCH", arch).replace("DESIRED", Integer.toString(desired)).replace("EXTRA", extra));
    }

    @Test
    void twoAlwaysOnTasksWithPublicAddressesAndTheSmallestDatabaseCostAbout36DollarsOnArmAnd40OnX86() throws Exception {
        CostEstimate arm = new StackEstimator(PRICES, NO_USAGE, 0, false).add("stage", template("ARM64", 2, "")).estimate();
        CostEstimate x86 = new StackEstimator(PRICES, NO_USAGE, 0, false).add("stage", template("X86_64", 2, "")).estimate();
        // 1460 task-hours: 0.25 vCPU, 0.5 GB, one IPv4 each; 730 instance-hours and 20 GB of gp3.
        double armByHand = 1460 * (0.25 * 0.03238 + 0.5 * 0.00356 + 0.005) + 730 * 0.016 + 20 * 0.115;
        assertEquals(armByHand, arm.total(), 1e-9);
        assertEquals(35.70, arm.total(), 0.01);
        assertEquals(39.30, x86.total(), 0.01, "x86 tasks; the same Graviton database");
        assertTrue(arm.complete() && x86.complete(), "a VPC is listed free, every other part priced");
        assertEquals(7.30, arm.lines().stream().filter(l -> l.resource().endsWith("public IPv4")).mapToDouble(CostLine::usd).sum(), 1e-9,
                "$3.65 a month per address, in use or idle");
    }

    @Test
    void aStageAtRestBillsItsTasksOnlyForTheGatedHours() throws Exception {
        DeployConfig.Usage gated = new DeployConfig.Usage(OptionalDouble.of(10), 0, 0, 0, OptionalDouble.empty(), 0, OptionalDouble.empty());
        CostEstimate e = new StackEstimator(PRICES, gated, 1, false).add("stage", template("ARM64", 0, "")).estimate();
        double tasks = e.lines().stream().filter(l -> l.resource().startsWith("api")).mapToDouble(CostLine::usd).sum();
        assertEquals(10 * (0.25 * 0.03238 + 0.5 * 0.00356 + 0.005), tasks, 1e-9, "10 task-hours, not 730");
        // $1.00 buys about 68 hours of one such task (the note's figure): the database alone is eleven times that.
        assertEquals(67.2, 1.0 / (tasks / 10), 0.1);
        CostEstimate unknownHours = new StackEstimator(PRICES, NO_USAGE, 1, false).add("stage", template("ARM64", 0, "")).estimate();
        assertFalse(unknownHours.complete(), "a service at rest with no gated hours given is not guessed");
        assertTrue(unknownHours.unpriced().get(0).contains("gatedHoursPerMonth"), unknownHours.unpriced().toString());
    }

    @Test
    void aResourceTypeNeitherPricedNorKnownFreeMakesTheEstimateIncompleteAndTheGateInconclusive() throws Exception {
        CostEstimate e = new StackEstimator(PRICES, NO_USAGE, 0, false)
                .add("stage", template("ARM64", 1, ", \"Lb\": {\"Type\": \"AWS::ElasticLoadBalancingV2::LoadBalancer\", \"Properties\": {}}")).estimate();
        assertFalse(e.complete());
        assertTrue(e.unpriced().get(0).contains("AWS::ElasticLoadBalancingV2::LoadBalancer (Lb)"), e.unpriced().toString());
        var verdict = new CostGate(e, 1000, "stage").judge();
        assertEquals(Outcome.INCONCLUSIVE, verdict.outcome(), "far under the cap, yet not a pass: the total is a lower bound");
        assertTrue(e.table(1000).contains("AT LEAST (incomplete)"), e.table(1000));
    }

    @Test
    void multiAzDoublesTheDatabaseAndAnUnknownClassIsNotGuessed() throws Exception {
        String single = template("ARM64", 0, "").toString();
        JsonNode multi = JSON.readTree(single.replace("\"MultiAZ\":false", "\"MultiAZ\":true"));
        JsonNode large = JSON.readTree(single.replace("db.t4g.micro", "db.r6g.large"));
        double one = database(new StackEstimator(PRICES, NO_USAGE, 0, false).add("s", template("ARM64", 0, "")).estimate());
        double two = database(new StackEstimator(PRICES, NO_USAGE, 0, false).add("s", multi).estimate());
        assertEquals(2 * one, two, 1e-9);
        CostEstimate unknown = new StackEstimator(PRICES, NO_USAGE, 0, false).add("s", large).estimate();
        assertTrue(unknown.unpriced().stream().anyMatch(u -> u.contains("db.r6g.large")), unknown.unpriced().toString());
    }

    @Test
    void theAlwaysFreeAllowancesAreSubtractedOnlyWhenTheEnvironmentSaysTheAccountHasThem() throws Exception {
        String alarms = ", \"Cpu\": {\"Type\": \"AWS::CloudWatch::Alarm\", \"Properties\": {\"AlarmName\": \"cpu\", \"MetricName\": \"CPUUtilization\"}}"
                + ", \"Errors\": {\"Type\": \"AWS::CloudWatch::Alarm\", \"Properties\": {\"AlarmName\": \"errors\", \"Metrics\": ["
                + "{\"Id\": \"e\", \"Expression\": \"100*a/b\"}, {\"Id\": \"a\", \"MetricStat\": {}}, {\"Id\": \"b\", \"MetricStat\": {}}]}}"
                + ", \"Board\": {\"Type\": \"AWS::CloudWatch::Dashboard\", \"Properties\": {}}";
        CostEstimate list = new StackEstimator(PRICES, NO_USAGE, 0, false).add("s", template("ARM64", 1, alarms)).estimate();
        CostEstimate free = new StackEstimator(PRICES, NO_USAGE, 0, true).add("s", template("ARM64", 1, alarms)).estimate();
        assertEquals(0.30, list.lines().stream().filter(l -> l.priceKey().equals("cloudwatch.alarmMetricMonth")).mapToDouble(CostLine::usd).sum(), 1e-9,
                "a metric-math alarm pays for each metric it reads");
        assertEquals(list.total() - 0.30 - 3.00, free.total(), 1e-9, "3 alarm metrics and 1 dashboard are inside the free tier");
        assertTrue(list.assumptions().get(0).startsWith("list prices"), list.assumptions().toString());
    }

    @Test
    void everyPriceNamesItsSourceAndTheDayItWasRead() {
        PRICES.prices().values().forEach(p -> {
            assertTrue(p.source().contains("https://"), p.key() + ": " + p.source());
            assertTrue(p.checked().matches("\\d{4}-\\d{2}-\\d{2}"), p.key() + ": " + p.checked());
            assertTrue(p.usd() > 0, p.key());
        });
        assertEquals("us-east-1", PRICES.region());
    }

    private static double database(CostEstimate e) {
        return e.lines().stream().filter(l -> l.priceKey().startsWith("rds.")).mapToDouble(CostLine::usd).sum();
    }
}
