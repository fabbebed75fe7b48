package com.driftsentry.gate.driver;

import com.driftsentry.gate.driver.dashboard.HostedPage;
import com.driftsentry.gate.driver.decision.RunOutcome;
import com.driftsentry.gate.driver.decision.RunRecord;
import com.driftsentry.gate.driver.lock.Intent;
import com.driftsentry.gate.driver.lock.StageLock;
import com.driftsentry.gate.driver.platform.Platform;
import com.driftsentry.gate.driver.platform.Platforms;
import com.driftsentry.gate.driver.platform.Release;
import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.verdict.ExitCode;
import com.driftsentry.gate.verdict.Outcome;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;

@Command(name = "recover", mixinStandardHelpOptions = true,
        description = "Settle what an interrupted command left open: restore the release it noted, verify it, and record it.")
final class RecoverCommand extends CommandSupport {
    @Override
    int execute() {
        try (StageLock lock = lockStage("recover")) {
            Optional<Intent> open = openIntent();
            if (open.isEmpty()) {
                out.println("nothing to recover: no interrupted command left an intent on " + env.name());
                return ExitCode.PASSED.code();
            }
            Intent intent = open.get();
            // Killed after its entry reached the ledger, before it closed its intent: the story is complete.
            if (ledger.entries().stream().anyMatch(e -> intent.runId().equals(e.path("runId").asText(null)))) {
                Intent.settle(store);
                out.println("the interrupted " + intent.describe() + " had recorded its result; its intent is settled");
                return ExitCode.PASSED.code();
            }
            if (intent.page() != null) {
                return recoverPage(intent);
            }
            if (intent.from() == null) {
                throw new ConfigError("recover: the interrupted " + intent.describe() + " noted no release to restore; the stage needs a person "
                        + "(fix: deploy a known release, then remove " + Intent.where(store) + ")");
            }
            Release noted = new Release(intent.from().image(), intent.from().version(), intent.from().revision());
            progress.say("recovering from the interrupted " + intent.describe() + ": restoring " + noted);
            Path work = workDir("recover");
            try (Platform platform = Platforms.create(env, Platforms.Options.of(Optional.of(noted.toString()), work))) {
                Release serving = platform.serving().orElse(noted);
                Intents intents = intents();
                Interruption.install(progress, false);
                RunRecord run = new StageRunner(env, platform, StageGates.of(env, work), progress).recordingIntents(intents).recover(serving, noted);
                run.recovers(intent.describe());
                return finish(run, intents);
            }
        }
    }

    /** An interrupted publish: the files it noted are put back and checked at the page's address, under a new intent with the same notes. */
    private int recoverPage(Intent intent) {
        PagePublisher.Site site = PagePublisher.Site.of(env, "recover");
        try (HostedPage hosted = HostedPage.open(site.host(), env.deploy().platform().common().region())) {
            progress.say("recovering from the interrupted " + intent.describe() + ": putting its " + intent.page().size() + " files back");
            Intents intents = intents();
            intents.openPage(intent.page());
            Interruption.install(progress, false);
            RunRecord run = new RunRecord("recover", env.name());
            run.recovers(intent.describe());
            new PagePublisher(env, hosted, site, progress).restore(run, intent.page(), Outcome.PASS, runId, "the interrupted publish is undone");
            if (run.outcome() == RunOutcome.ROLLED_BACK) {
                run.ended(RunOutcome.RECOVERED, Outcome.PASS, "the page the interrupted publish found is back at " + site.url() + ", verified");
            }
            return finish(run, intents);
        }
    }
}