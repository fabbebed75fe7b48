package com.driftsentry.gate.driver.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.driver.gates.CostGate;
import com.driftsentry.gate.environment.DeployConfig;
import com.driftsentry.gate.verdict.Outcome;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The load generators on ECS in the estimate: N tasks for each run's window and start, at their task's size, counted by the cost gate. */
class GeneratorCostTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PriceTable PRICES = PriceTable.aws();
    private static final LoadGenerators THREE = new LoadGenerators("driftsentry-staging-load-generator", 3,
            Duration.ofSeconds(150));

    private static DeployConfig.Usage runs(OptionalDouble perMonth) {
        return new DeployConfig.Usage(OptionalDouble.of(6), 0, 0, 0, OptionalDouble.empty(), 0, OptionalDouble.empty(), perMonth);
    }

    private static JsonNode template() throws Exception {
        return JSON.readTree("""
                {"Resources": {
                  "Generator": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"Family": "driftsentry-staging-load-generator",
                                "Cpu": "1024", "Memory": "2048", "RuntimePlatform": {"CpuArchitecture": "ARM64", "OperatingSystemFamily": "LINUX"}}},
                  "Other": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"Family": "something-else", "Cpu": "4096", "Memory": "8192"}}
                }}""");
    }

    @Test
    void eachRunBillsItsTasksForTheLoadWindowAndTheStartAtTheTaskSize() throws Exception {
        CostEstimate e = new StackEstimator(PRICES, runs(OptionalDouble.of(36)), 1, false).withGenerators(THREE).add("stage", template()).estimate();
        assertTrue(e.complete(), e.unpriced().toString());
        // 36 runs x 3 tasks x (2.5 min of load + 2 min of start) = 8.1 task-hours of 1 vCPU, 2 GB and one address (ARM).
        double taskHours = 36 * 3 * 4.5 / 60;
        assertEquals(8.1, taskHours, 1e-9);
        assertEquals(taskHours * (1 * 0.03238 + 2 * 0.00356 + 0.005), e.total(), 1e-9);
        assertEquals(3, e.lines().size(), "vCPU, memory, address; the other task definition runs in no service and bills nothing");
        assertTrue(e.lines().get(0).usage().contains("36 runs (usage.loadRunsPerMonth) x 3 tasks x 2.5 min of load + 2 min of start"),
                e.lines().get(0).usage());
    }

    @Test
    void theCostGateCountsThem() throws Exception {
        CostEstimate few = new StackEstimator(PRICES, runs(OptionalDouble.of(36)), 1, false).withGenerators(THREE).add("stage", template()).estimate();
        CostEstimate many = new StackEstimator(PRICES, runs(OptionalDouble.of(600)), 1, false).withGenerators(THREE).add("stage", template()).estimate();
        assertEquals(Outcome.PASS, new CostGate(few, 1.00, "staging").judge().outcome(), "about $0.36");
        assertEquals(Outcome.FAIL, new CostGate(many, 1.00, "staging").judge().outcome(), "600 runs: about $6");
    }

    @Test
    void runsNotGivenOrATaskDefinitionInNoTemplateAreNotGuessed() throws Exception {
        CostEstimate noRuns = new StackEstimator(PRICES, runs(OptionalDouble.empty()), 1, false).withGenerators(THREE).add("stage", template()).estimate();
        assertFalse(noRuns.complete());
        assertTrue(noRuns.unpriced().get(0).contains("gates.budget.estimate.usage.loadRunsPerMonth is not given (fix:"), noRuns.unpriced().toString());
        assertEquals(Outcome.INCONCLUSIVE, new CostGate(noRuns, 1.00, "staging").judge().outcome());

        CostEstimate elsewhere = new StackEstimator(PRICES, runs(OptionalDouble.of(36)), 1, false)
                .withGenerators(new LoadGenerators("made-by-hand", 3, Duration.ofMinutes(2))).add("stage", template()).estimate();
        assertFalse(elsewhere.complete());
        assertTrue(elsewhere.unpriced().get(0).contains("no template holds the task definition made-by-hand"), elsewhere.unpriced().toString());
    }
}
