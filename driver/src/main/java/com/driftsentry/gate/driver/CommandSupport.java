package com.driftsentry.gate.driver;

import java.io.PrintWriter;
import com.driftsentry.gate.json.Json;
import com.driftsentry.gate.driver.decision.RunRecord;
import com.driftsentry.gate.driver.ledger.Ledger;
import com.driftsentry.gate.driver.ledger.LedgerEntry;
import com.driftsentry.gate.store.StageStore;
import com.driftsentry.gate.store.StageStores;
import com.driftsentry.gate.driver.notify.GithubSummary;
import com.driftsentry.gate.driver.notify.Notifier;
import com.driftsentry.gate.driver.notify.Notifiers;
import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.environment.EnvironmentLoader;
import com.driftsentry.gate.environment.SecretResolver;
import com.driftsentry.gate.verdict.ExitCode;
import java.nio.file.Path;
import com.driftsentry.gate.driver.lock.Intent;
import com.driftsentry.gate.driver.lock.StageLock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What every command shares: the environment, the ledger, progress, and how a run ends (ledger, notifications, output). */
abstract class CommandSupport implements Callable<Integer> {

    @Option(names = "--env", required = true, paramLabel = "ENV", description = "environments/<ENV>.yaml, e.g. local, staging, production")
    String envName;

    @Option(names = "--json", description = "print the result as JSON on stdout (progress stays on stderr)")
    boolean json;

    /** This command's run: its work folder and, where it holds one, the stage lock carry it. */
    final String runId = UUID.randomUUID().toString().substring(0, 8);
    @Spec
    CommandSpec spec;
    /** The command's result (picocli's, so a test captures it); progress and errors go to {@link #err}. */
    PrintWriter out;
    PrintWriter err;
    Environment env;
    StageStore store;
    Ledger ledger;
    Progress progress;

    @Override
    public final Integer call() {
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        try {
            env = (usesStore() ? EnvironmentLoader.fromSystem() : EnvironmentLoader.fromSystem(SecretResolver::unread)).load(envName);
            progress = new Progress(err, env.masker());
            StageGates.check(env, StageGates.KINDS);
            if (!usesStore()) {
                return execute();
            }
            try (StageStore opened = StageStores.open(env.deploy().state())) {
                store = opened;
                ledger = new Ledger(store, env.masker());
                return execute();
            }
        } catch (StageLock.Busy e) {
            err.println("driftgate: " + env.name() + ": " + e.getMessage());
            return ExitCode.STAGE_BUSY.code();
        } catch (ConfigError e) {
            String message = e.getMessage().replaceFirst("^-Denv=", "--env ");
            return ExitCode.badInput("driftgate", new ConfigError(env == null ? message : env.masker().mask(message)), err).code();
        }
    }

    abstract int execute();

    /** False for a command that reads the environment only ({@code cost}): it runs without the stage's store, its bucket or any secret. */
    boolean usesStore() {
        return true;
    }

    /** The command's own folder: the time to read it by, and a random run id so two commands started in one second never share one. */
    Path workDir(String command) {
        return Path.of("target", "driftgate", env.name() + "-" + command + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + runId).toAbsolutePath();
    }

    /**
     * Takes the stage's lock for the rest of this command (it is released when the command ends,
     * also on Ctrl-C or SIGTERM), or throws {@link StageLock.Busy}: exit 5, nothing changed. A
     * stage that keeps no release (compose: a fresh stack per run) has nothing to guard.
     */
    StageLock lockStage(String command) {
        if (!env.deploy().platform().keepsReleases()) {
            return null;
        }
        StringBuilder tookOver = new StringBuilder();
        StageLock lock = StageLock.acquire(store, StageLock.Holder.me(runId, command, Instant.now()), StageLock.EXPIRY, Instant::now, tookOver);
        if (!tookOver.isEmpty()) {
            progress.say("took over the stage lock of " + tookOver + ": its runner is gone");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(lock::close, "driftgate-stage-unlock"));
        if (!command.equals("recover")) {
            Optional<Intent> open = openIntent();
            if (open.isPresent()) {
                lock.close();
                throw new StageLock.Busy(null, "an interrupted command left an open intent: " + open.get().describe()
                        + "; the stage may run an unverified release (fix: driftgate recover --env " + env.name() + ")");
            }
        }
        return lock;
    }

    Optional<Intent> openIntent() {
        return Intent.read(store);
    }

    /** Opens this run's intent before the platform changes anything; {@link #finish} closes it once the ledger has the entry. */
    Intents intents() {
        return Intents.in(store, runId, env.name());
    }

    /** Records the run in the ledger, notifies, prints the table (or the JSON), and returns its exit code. */
    int finish(RunRecord run) {
        return finish(run, Intents.NONE);
    }

    /** As {@link #finish(RunRecord)}; the run's intent is closed once the ledger holds its entry (a kill between the two leaves it open, and recover finds the entry). */
    int finish(RunRecord run, Intents intents) {
        LedgerEntry entry = run.entry(runId, progress.steps(), progress.total());
        ledger.append(entry);
        intents.close();
        String markdown = env.masker().mask(run.markdown());
        for (Notifier n : Notifiers.of(env)) {
            progress.say(n.send(run.title(), markdown));
        }
        if (json) {
            print(entry);
        } else {
            out.println(env.masker().mask("\n" + run.title() + "\n\n" + markdown));
            out.println("ledger: " + ledger.where());
        }
        return run.exitCode().code();
    }

    /** {@code --dry-run}: the plan as lines, or as JSON with {@code --json}; nothing is changed. */
    int printPlan(List<String> plan) {
        if (json) {
            print(Map.of("dryRun", true, "plan", plan));
        } else {
            plan.forEach(out::println);
        }
        return ExitCode.PASSED.code();
    }

    void print(Object value) {
        out.println(env.masker().mask(Json.pretty(value)));
    }

    /** A result that is not a ledger entry (the nightly report): the job summary always, Slack only when {@code alarm}. */
    void tell(String title, String markdown, boolean alarm) {
        for (Notifier n : Notifiers.of(env)) {
            if (alarm || n instanceof GithubSummary) {
                progress.say(n.send(title, env.masker().mask(markdown)));
            }
        }
    }
}
