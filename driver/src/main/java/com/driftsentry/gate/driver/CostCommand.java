package com.driftsentry.gate.driver;

import com.driftsentry.gate.driver.cost.CostEstimate;
import com.driftsentry.gate.driver.cost.StageCost;
import com.driftsentry.gate.driver.gates.CostGate;
import com.driftsentry.gate.report.ConsoleTable;
import com.driftsentry.gate.verdict.ExitCode;
import com.driftsentry.gate.verdict.Verdict;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "cost", mixinStandardHelpOptions = true,
        description = "The stage's monthly estimate, line by line: its synthesized stack (gates.budget.estimate.templates) at the dated "
                + "list prices of cost/aws-prices.yaml, judged against gates.budget.monthlyCapUsd. Reads no AWS account.")
final class CostCommand extends CommandSupport {

    @Override
    boolean usesStore() {
        return false;
    }

    @Override
    int execute() {
        CostEstimate estimate = StageCost.of(env);
        double cap = env.deploy().budget().orElseThrow().monthlyCapUsd();
        Verdict verdict = new CostGate(estimate, cap, env.name()).judge();
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("environment", env.name());
            out.put("totalUsd", estimate.total());
            out.put("capUsd", cap);
            out.put("complete", estimate.complete());
            out.put("outcome", verdict.outcome().name());
            out.put("lines", estimate.lines());
            out.put("unpriced", estimate.unpriced());
            out.put("assumptions", estimate.assumptions());
            out.put("pricesAsOf", estimate.prices().asOf());
            out.put("sources", estimate.sources());
            print(out);
        } else {
            out.println("monthly estimate of " + env.name() + " (" + env.file() + ")");
            out.print(estimate.table(cap));
            out.println();
            out.print(ConsoleTable.render(verdict));
        }
        tell("driftgate cost " + env.name() + ": " + verdict.outcome(), estimate.markdown(cap), false);
        return ExitCode.of(verdict.outcome()).code();
    }
}
