package com.driftsentry.gate.driver.gates;

import com.driftsentry.gate.aws.AwsCall;
import com.driftsentry.gate.environment.DeployConfig;
import com.driftsentry.gate.verdict.Bound;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import java.math.BigDecimal;
import java.util.Locale;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.Spend;

/** The month's spend from AWS Budgets: actual and forecast must both stay below the environment's cap. */
public record BudgetGate(BudgetsClient budgets, String accountId, DeployConfig.Budget config, String environment) implements Gate {
    @Override
    public String name() {
        return "budget";
    }

    @Override
    public Verdict judge() {
        return verdict(environment, config.name(), "AWS Budgets", line());
    }

    private VerdictLine line() {
        Bound within = Bound.atMost(config.monthlyCapUsd());
        VerdictLine.Builder line = VerdictLine.of("monthly spend")
                .threshold("actual and forecast " + within.written(String.format(Locale.ROOT, "$%.2f this month", config.monthlyCapUsd())))
                .samples(1, 1).window("this month");
        Budget b;
        try {
            b = budgets.describeBudget(r -> r.accountId(accountId).budgetName(config.name())).budget();
        } catch (SdkException e) {
            return line.inconclusive("the budget " + config.name() + " could not be read: "
                    + AwsCall.problem("budgets:ViewBudget", e, "gates.budget.name names a budget of this account"));
        }
        BigDecimal cap = BigDecimal.valueOf(config.monthlyCapUsd());
        BigDecimal actual = amount(b.calculatedSpend() == null ? null : b.calculatedSpend().actualSpend());
        BigDecimal forecast = amount(b.calculatedSpend() == null ? null : b.calculatedSpend().forecastedSpend());
        line = line.measured("actual $" + (actual == null ? "unknown" : actual.toPlainString()) + ", forecast $"
                + (forecast == null ? "unknown" : forecast.toPlainString()));
        if (actual == null) {
            return line.inconclusive("the budget " + config.name() + " reports no actual spend yet");
        }
        if (!within.admits(actual.doubleValue())) {
            return line.fail("actual spend is over the " + usd(cap) + " cap");
        }
        if (forecast != null && !within.admits(forecast.doubleValue())) {
            return line.fail("forecast spend is over the " + usd(cap) + " cap");
        }
        return line.pass("within the cap");
    }

    private static String usd(BigDecimal amount) {
        return String.format(Locale.ROOT, "$%.2f", amount);
    }

    private static BigDecimal amount(Spend spend) {
        return spend == null ? null : spend.amount();
    }
}
