package com.driftsentry.gate.driver.cost;

import com.driftsentry.gate.json.Json;
import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.environment.DeployConfig;
import com.driftsentry.gate.environment.Environment;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;

/** The estimate of an environment's stage: its budget's templates, priced with its usage, at the table's prices. */
public final class StageCost {

    private StageCost() {
    }

    /** The stage's budget, when it asks for an estimate. */
    public static boolean configured(Environment env) {
        return env.deploy().budget().flatMap(DeployConfig.Budget::estimate).isPresent();
    }

    public static CostEstimate of(Environment env) {
        DeployConfig.Budget budget = env.deploy().budget().orElseThrow(() -> ConfigError.at(env.file(), "gates.budget",
                "is not set: there is no cap to price the stage against (fix: budget: { monthlyCapUsd: 1.00, estimate: { templates: [...] } })"));
        DeployConfig.Estimate e = budget.estimate().orElseThrow(() -> ConfigError.at(env.file(), "gates.budget.estimate",
                "is not set (fix: estimate: { templates: [infra/synthesized/DriftSentry-" + env.name() + ".template.json, "
                        + "infra/synthesized/DriftSentry-Shared.template.json] })"));
        PriceTable prices = PriceTable.aws();
        String region = env.deploy().platform().common().region();
        if (!prices.region().equals(region)) {
            throw ConfigError.at(env.file(), "platform.region", "'" + region + "': the price table holds " + prices.region()
                    + " prices only (fix: add the region's prices to driver/src/main/resources/cost/aws-prices.yaml)");
        }
        StackEstimator estimator = new StackEstimator(prices, e.usage(), env.deploy().platform().gateOnlyTasks(), e.alwaysFree());
        env.load().filter(l -> l.generators().onEcs()).ifPresent(l -> estimator.withGenerators(new LoadGenerators(
                // family, family:revision or an ARN: the template names the family.
                l.generators().taskDefinition().orElseThrow().replaceAll("^.*/", "").replaceAll(":\\d+$", ""), l.generators().count(),
                l.profile().total())));
        for (Path template : e.templates()) {
            estimator.add(template.getFileName().toString().replace(".template.json", ""), read(env, template));
        }
        return estimator.estimate();
    }

    private static JsonNode read(Environment env, Path template) {
        try {
            JsonNode t = Json.MAPPER.readTree(template.toFile());
            if (t == null || !t.path("Resources").isObject()) {
                throw new IOException("no Resources object");
            }
            return t;
        } catch (IOException ex) {
            throw ConfigError.at(env.file(), "gates.budget.estimate.templates", template + " is not a CloudFormation template ("
                    + ex.getClass().getSimpleName() + ") (fix: the JSON that cdk synth writes, e.g. infra/synthesized/DriftSentry-staging.template.json)");
        }
    }
}
