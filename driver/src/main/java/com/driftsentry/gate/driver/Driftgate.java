package com.driftsentry.gate.driver;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code driftgate}: what a pipeline calls for each stage. {@code deploy} a candidate and gate it,
 * promote or roll back; {@code gate} what serves now; {@code rollback}; {@code status}.
 * Exit codes: 0 promoted or passed, 1 gate failed, 2 rollback failed (a person must act),
 * 3 bad input (nothing changed), 4 inconclusive (nothing promoted).
 */
@Command(name = "driftgate", mixinStandardHelpOptions = true, version = "driftgate 0.1.0",
        description = "Deploys a DriftSentry stage, gates it, and promotes the build or rolls it back.",
        subcommands = {DeployCommand.class, GateCommand.class, RollbackCommand.class, StatusCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:promoted, or every gate passed", "1:a gate failed (rolled back where the environment says so)",
                "2:a rollback failed: a person must act", "3:bad input (environment, arguments, secrets): nothing was changed",
                "4:inconclusive (not enough data): nothing was promoted"})
public final class Driftgate implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** The command line without exiting, for tests. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Driftgate());
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("driftgate: " + e.getMessage() + " (see --help)");
            return ExitCode.BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, c, p) -> {
            // Bad input is caught before anything changes (exit 3); anything else is a failure of the run, never a pass.
            c.getErr().println("driftgate: failed: " + e);
            e.printStackTrace(c.getErr());
            return ExitCode.FAILED;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: deploy, gate, rollback or status");
    }
}
