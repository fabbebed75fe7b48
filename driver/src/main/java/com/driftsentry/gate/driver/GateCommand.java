package com.driftsentry.gate.driver;

import com.driftsentry.gate.driver.decision.RunRecord;
import com.driftsentry.gate.driver.lock.StageLock;
import com.driftsentry.gate.driver.platform.Platform;
import com.driftsentry.gate.driver.platform.Platforms;
import com.driftsentry.gate.driver.platform.Release;
import com.driftsentry.gate.environment.ConfigError;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "gate", mixinStandardHelpOptions = true,
        description = "Run the gates against the release serving now (compose: a fresh stack of --image); change nothing "
                + "(a gate-only stage is started for the gates and rested after, under the stage lock).")
final class GateCommand extends CommandSupport {
    @Option(names = "--image", paramLabel = "IMAGE", description = "compose only: the local image the stack runs, e.g. driftsentry-reference:0.3.0")
    String image;

    @Mixin
    ComposeFiles composeFiles;

    @Override
    int execute() {
        boolean compose = !env.deploy().platform().keepsReleases();
        Platforms.Options options = Platforms.Options.of(ledger.serving(), workDir("gate")).withComposeFiles(composeFiles.checked(env))
                .saying(progress::say);
        if (compose) {
            Release release = image == null ? null : Release.parse(image);
            if (release == null || release.image().equals(release.version())) {
                throw new ConfigError("--image: " + (image == null ? "missing" : ConfigError.quote(image) + " is not an image with a tag")
                        + "; a compose stage keeps nothing serving, so gate runs a fresh stack of the image named (fix: --image driftsentry-reference:0.3.0)");
            }
            options = options.withServing(release);
        } else if (image != null) {
            throw new ConfigError("--image: gate judges what serves on " + env.name() + "; only compose runs an image for it (fix: leave --image out)");
        }
        Path work = options.workDir();
        // A gate-only stage is started for the gates and rested after: that changes the stage, so it holds the lock and records its intent.
        boolean wakes = env.deploy().platform().policy().rests();
        try (StageLock lock = wakes ? lockStage("gate") : null; Platform platform = Platforms.create(env, options)) {
            StageEvidence evidence = new StageEvidence(store);
            Intents intents = wakes ? intents() : Intents.NONE;
            RunRecord run = new StageRunner(env, platform, StageGates.of(env, work, evidence.baselineInto(work), ledger.pagePublished()), progress)
                    .recordingIntents(intents).gateServing();
            evidence.record(work, runId).ifPresent(where -> progress.say("load evidence kept in the stage's history: " + where));
            return finish(run, intents);
        }
    }
}
