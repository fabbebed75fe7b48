package com.driftsentry.gate.driver.gates;

import com.driftsentry.gate.environment.DeployConfig;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.Spend;

/** The month's spend from AWS Budgets: actual and forecast must both stay below the environment's cap. */
public final class BudgetGate implements Gate {
    private final BudgetsClient budgets;
    private final String accountId;
    private final DeployConfig.Budget config;
    private final String environment;

    public BudgetGate(BudgetsClient budgets, String accountId, DeployConfig.Budget config, String environment) {
        this.budgets = budgets;
        this.accountId = accountId;
        this.config = config;
        this.environment = environment;
    }

    @Override
    public String name() {
        return "budget";
    }

    @Override
    public Verdict judge() {
        String threshold = String.format(Locale.ROOT, "actual and forecast < $%.2f this month", config.monthlyCapUsd());
        Outcome outcome;
        String measured;
        String reason;
        try {
            Budget b = budgets.describeBudget(r -> r.accountId(accountId).budgetName(config.name())).budget();
            BigDecimal cap = BigDecimal.valueOf(config.monthlyCapUsd());
            BigDecimal actual = amount(b.calculatedSpend() == null ? null : b.calculatedSpend().actualSpend());
            BigDecimal forecast = amount(b.calculatedSpend() == null ? null : b.calculatedSpend().forecastedSpend());
            measured = "actual $" + (actual == null ? "unknown" : actual.toPlainString()) + ", forecast $"
                    + (forecast == null ? "unknown" : forecast.toPlainString());
            if (actual == null) {
                outcome = Outcome.INCONCLUSIVE;
                reason = "the budget " + config.name() + " reports no actual spend yet";
            } else if (actual.compareTo(cap) >= 0 || (forecast != null && forecast.compareTo(cap) >= 0)) {
                outcome = Outcome.FAIL;
                reason = (actual.compareTo(cap) >= 0 ? "actual" : "forecast") + " spend reaches the $" + cap.toPlainString() + " cap";
            } else {
                outcome = Outcome.PASS;
                reason = "below the cap";
            }
        } catch (SdkException e) {
            outcome = Outcome.INCONCLUSIVE;
            measured = "unknown";
            reason = "AWS Budgets could not be asked for " + config.name() + ": " + e.getMessage();
        }
        return Verdict.of("budget", environment, config.name(), "AWS Budgets", List.of(new VerdictLine("monthly spend", threshold, measured,
                1, 1, "this month", outcome, reason)));
    }

    private static BigDecimal amount(Spend spend) {
        return spend == null ? null : spend.amount();
    }
}
