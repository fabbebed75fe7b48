package com.driftsentry.gate.driver;

import com.driftsentry.gate.driver.decision.RunRecord;
import com.driftsentry.gate.driver.decision.RunOutcome;
import com.driftsentry.gate.driver.cost.CostEstimate;
import com.driftsentry.gate.driver.cost.StageCost;
import com.driftsentry.gate.driver.gates.CostGate;
import com.driftsentry.gate.driver.lock.StageLock;
import com.driftsentry.gate.driver.platform.Platform;
import com.driftsentry.gate.driver.platform.Platforms;
import com.driftsentry.gate.driver.platform.Release;
import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.report.ConsoleTable;
import com.driftsentry.gate.verdict.ExitCode;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = "Deploy a candidate, wait until it is stable, run the gates, then promote it or restore the release that served.")
final class DeployCommand extends CommandSupport {
    @Option(names = "--image", required = true, paramLabel = "IMAGE",
            description = "the candidate: an image with a tag (ECR URI) or, for the embedded platform, a version such as 0.2.0")
    String image;

    @Option(names = "--candidate-env", paramLabel = "KEY=VALUE",
            description = "a setting for the candidate only (embedded, compose), e.g. DRIFTSENTRY_FAULT_ERROR_RATE=0.05; repeatable")
    Map<String, String> candidateEnv = new LinkedHashMap<>();

    @Mixin
    ComposeFiles composeFiles;

    @Option(names = "--dry-run", description = "print the plan (what would change, which gates and thresholds) and change nothing")
    boolean dryRun;

    @Override
    int execute() {
        Release candidate = Release.parse(image);
        if (candidate == null) {
            throw new ConfigError("--image: " + ConfigError.quote(image) + " is not an image reference (fix: <registry>/<repository>:<tag>, or a version such as 0.2.0)");
        }
        if (env.deploy().platform().runsImages() && candidate.image().equals(candidate.version())) {
            throw new ConfigError("--image: " + ConfigError.quote(image) + " is a bare version; " + env.deploy().platform().type()
                    + " runs an image (fix: " + env.deploy().platform().imageExample() + ")");
        }
        candidateEnv.keySet().stream().filter(k -> !k.matches("[A-Z][A-Z0-9_]*")).findFirst().ifPresent(k -> {
            throw new ConfigError("--candidate-env: " + ConfigError.quote(k) + " is not an environment variable name (fix: KEY=VALUE with KEY like DRIFTSENTRY_FAULT_ERROR_RATE)");
        });
        if (!candidateEnv.isEmpty() && !env.deploy().platform().takesCandidateSettings()) {
            throw new ConfigError("--candidate-env: ecs passes no settings to a candidate (its task definition carries its own)");
        }
        List<Path> extraFiles = composeFiles.checked(env);
        Optional<CostEstimate> estimate = StageCost.configured(env) ? Optional.of(StageCost.of(env)) : Optional.empty();
        Optional<Verdict> cost = estimate.map(e -> new CostGate(e, env.deploy().budget().orElseThrow().monthlyCapUsd(), env.name()).judge());
        if (dryRun) {
            try (Platform platform = Platforms.create(env, options(candidate, extraFiles))) {
                List<String> plan = new ArrayList<>(Plan.deploy(env, ledger, platform, candidate));
                cost.ifPresent(v -> plan.addAll(Plan.cost(estimate.orElseThrow(), v)));
                return printPlan(plan);
            }
        }
        if (cost.isPresent() && cost.get().outcome() != Outcome.PASS) {
            // Refused before the lock, the ledger or the platform is touched: the stage is as it was.
            out.print(ConsoleTable.render(cost.get()));
            out.println("deploy refused before changing anything: the stage's estimate (driftgate cost --env " + env.name() + ") is "
                    + cost.get().lines().get(0).reason());
            tell("driftgate deploy " + env.name() + " " + candidate + ": refused by the cost gate (" + cost.get().outcome() + ")",
                    estimate.orElseThrow().markdown(env.deploy().budget().orElseThrow().monthlyCapUsd()), true);
            return ExitCode.of(cost.get().outcome()).code();
        }
        cost.ifPresent(v -> progress.say("cost gate: " + v.lines().get(0).measured() + " a month estimated, " + v.lines().get(0).threshold()
                + ": " + v.outcome()));
        // The stage's state is read under its lock: what serves cannot change between reading it and acting on it.
        try (StageLock lock = lockStage("deploy")) {
            if (!env.deploy().platform().runsImages()
                    && ledger.serving().or(() -> env.deploy().platform().baselineVersion()).filter(candidate.version()::equals).isPresent()) {
                throw new ConfigError("--image: " + candidate + " is already serving on " + env.name() + " (fix: give the candidate a version of its own)");
            }
            Platforms.Options options = options(candidate, extraFiles);
            try (Platform platform = Platforms.create(env, options)) {
                Intents intents = intents();
                // A stage that keeps no release (compose) has nothing to restore: the JVM's own exit tears its stack down.
                Interruption cancel = platform.policy().keepsReleases() ? Interruption.install(progress, true) : null;
                StageEvidence evidence = new StageEvidence(store);
                Path work = options.workDir();
                RunRecord run = new StageRunner(env, platform, StageGates.of(env, work, evidence.baselineInto(work), ledger.pagePublished()), progress).recordingIntents(intents)
                        .cancelledBy(cancel == null ? Cancellation.NONE : cancel).deploy(candidate);
                // The history is what served: a rejected candidate's evidence stays with its run's reports, out of the trend.
                if (run.outcome() == RunOutcome.PROMOTED && platform.policy().keepsReleases()) {
                    evidence.record(work, runId).ifPresent(where -> progress.say("load evidence kept in the stage's history: " + where));
                    evidence.keepAsBaseline(work).ifPresent(where -> progress.say("the load evidence of " + candidate
                            + " is now the stage's baseline (" + where + ")"));
                }
                return finish(run, intents);
            }
        }
    }

    private Platforms.Options options(Release candidate, List<Path> extraFiles) {
        return Platforms.Options.of(ledger.serving(), workDir("deploy")).withCandidate(candidate, candidateEnv)
                .withComposeFiles(extraFiles).saying(progress::say).dryRun(dryRun);
    }
}
