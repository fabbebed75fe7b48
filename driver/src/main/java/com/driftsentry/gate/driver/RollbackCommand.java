package com.driftsentry.gate.driver;

import com.driftsentry.gate.driver.lock.StageLock;
import com.driftsentry.gate.driver.platform.Platform;
import com.driftsentry.gate.driver.platform.Platforms;
import com.driftsentry.gate.driver.platform.Release;
import com.driftsentry.gate.environment.ConfigError;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Put the previous release (or --to) back as the serving release and verify it.")
final class RollbackCommand extends CommandSupport {
    @Option(names = "--to", paramLabel = "RELEASE", description = "the release to restore (default: the one that served before the current one)")
    String to;

    @Option(names = "--dry-run", description = "print what would change and change nothing")
    boolean dryRun;

    @Override
    int execute() {
        if (!env.deploy().platform().keepsReleases()) {
            throw new ConfigError("rollback: a compose stage keeps no release (every run is a fresh stack), so there is nothing to roll back");
        }
        if (dryRun) {
            Release release = target();
            return printPlan(List.of("environment " + env.name() + ": serving " + ledger.serving().orElseThrow() + " (ledger " + ledger.where() + ")",
                    "would restore " + release + ", wait until it is stable, verify it reports its version at the stage's address",
                    "would record the rollback in the ledger; nothing else changes"));
        }
        // The stage's state is read under its lock: what serves cannot change between reading it and acting on it.
        try (StageLock lock = lockStage("rollback")) {
            Release release = target();
            Path work = workDir("rollback");
            try (Platform platform = Platforms.create(env, Platforms.Options.of(ledger.serving(), work))) {
                Release serving = platform.serving().orElseThrow(() -> new ConfigError("rollback: nothing serves on " + env.name()));
                Intents intents = intents();
                Interruption.install(progress, false);
                return finish(new StageRunner(env, platform, StageGates.of(env, work), progress).recordingIntents(intents)
                        .rollback(serving, release), intents);
            }
        }
    }

    /** The release to restore: --to, else the one that served before the current one. */
    private Release target() {
        String current = ledger.serving().orElseThrow(() -> new ConfigError("rollback: the ledger " + ledger.where()
                + " records no serving release on " + env.name() + ", so there is nothing to roll back from"));
        String target = to != null ? to : ledger.previous().orElseThrow(() -> new ConfigError("rollback: no release served before "
                + current + " on " + env.name() + " (fix: name one with --to)"));
        Release release = Release.parse(target);
        if (release == null) {
            throw new ConfigError("--to: " + ConfigError.quote(target) + " is not a release (fix: an image with a tag, or a version such as 0.1.0)");
        }
        if (target.equals(current)) {
            throw new ConfigError("rollback: " + target + " is already serving on " + env.name());
        }
        return release;
    }
}
