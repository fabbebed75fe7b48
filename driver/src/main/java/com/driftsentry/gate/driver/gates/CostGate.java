package com.driftsentry.gate.driver.gates;

import com.driftsentry.gate.driver.cost.CostEstimate;
import com.driftsentry.gate.verdict.Bound;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import java.util.Locale;

/**
 * The cost gate: the stage's estimated month (its synthesized stack at the dated list prices) must
 * not exceed {@code gates.budget.monthlyCapUsd}. Judged before a deploy changes anything; an
 * estimate with unpriced parts is INCONCLUSIVE, never a pass.
 */
public record CostGate(CostEstimate estimate, double capUsd, String environment) implements Gate {
    @Override
    public String name() {
        return "cost";
    }

    @Override
    public Verdict judge() {
        VerdictLine.Builder line = VerdictLine.of("estimated monthly cost")
                .threshold(String.format(Locale.ROOT, "<= $%.2f a month (gates.budget.monthlyCapUsd)", capUsd))
                .measured(String.format(Locale.ROOT, "$%.2f%s", estimate.total(), estimate.complete() ? "" : " or more"))
                .samples(estimate.lines().size(), 1).window("730 h at the prices of " + estimate.prices().asOf());
        VerdictLine judged;
        if (!estimate.complete()) {
            judged = line.inconclusive(estimate.unpriced().size() + " part(s) not priced: " + estimate.unpriced().get(0));
        } else if (!Bound.atMost(capUsd).admits(estimate.total())) {
            judged = line.fail(String.format(Locale.ROOT, "$%.2f over the cap (fix: the gate-only profile, docs/AWS-SETUP.md, or a cap that says "
                    + "what the stage costs)", estimate.total() - capUsd));
        } else {
            judged = line.pass("within the cap");
        }
        return verdict(environment, "the stage's stack", "driftgate cost", judged);
    }
}
