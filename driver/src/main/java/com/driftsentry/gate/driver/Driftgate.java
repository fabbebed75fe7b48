package com.driftsentry.gate.driver;

import com.driftsentry.gate.verdict.ExitCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code driftgate}: what a pipeline calls for each stage. {@code deploy} a candidate and gate it,
 * promote or roll back; {@code gate} what serves now; {@code rollback}; {@code status}. The exit
 * codes are {@link ExitCode}'s, listed in {@code --help} from there.
 */
@Command(name = "driftgate", mixinStandardHelpOptions = true, version = "driftgate 0.1.0",
        description = "Deploys a DriftSentry stage, gates it, and promotes the build or rolls it back.",
        subcommands = {DeployCommand.class, GateCommand.class, RollbackCommand.class, StatusCommand.class})
public final class Driftgate implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** The command line without exiting, for tests. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Driftgate());
        Map<String, String> codes = new LinkedHashMap<>();
        for (ExitCode code : ExitCode.values()) {
            codes.put(Integer.toString(code.code()), code.meaning());
        }
        List<CommandLine> commands = new ArrayList<>(cli.getSubcommands().values());
        commands.add(cli);
        for (CommandLine command : commands) {
            command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        }
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("driftgate: " + e.getMessage() + " (see --help)");
            return ExitCode.BAD_INPUT.code();
        });
        cli.setExecutionExceptionHandler((e, c, p) -> {
            // Bad input is caught before anything changes (exit 3); anything else is a failure of the run, never a pass.
            c.getErr().println("driftgate: failed: " + e);
            e.printStackTrace(c.getErr());
            return ExitCode.FAILED.code();
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: deploy, gate, rollback or status");
    }
}
