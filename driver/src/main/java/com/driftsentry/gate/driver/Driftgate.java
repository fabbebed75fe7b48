package com.driftsentry.gate.driver;

import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.verdict.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code driftgate}: what a pipeline calls for each stage. {@code deploy} a candidate and gate it,
 * promote or roll back; {@code gate} what serves now; {@code rollback}; {@code status}; {@code unlock}; {@code recover};
 * {@code report} the stage's performance history; {@code publish} the stage's hosted dashboard. The exit
 * codes are {@link ExitCode}'s, listed in {@code --help} from there.
 */
@Command(name = "driftgate", mixinStandardHelpOptions = true, version = "driftgate 0.1.0",
        description = "Deploys a DriftSentry stage, gates it, and promotes the build or rolls it back.",
        subcommands = {DeployCommand.class, GateCommand.class, RollbackCommand.class, StatusCommand.class, UnlockCommand.class, RecoverCommand.class,
                ReportCommand.class, RecordCommand.class, CostCommand.class, PublishCommand.class})
public final class Driftgate implements Runnable {
    static {
        // With Groovy on the class path (REST Assured brings it), picocli loads Groovy's runtime, about 300 classes and
        // 0.2-0.4 s of every start, to learn whether an option is a Groovy closure. None here is.
        System.setProperty("picocli.disable.closures", "true");
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** The command line without exiting. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** The command line printing its result to {@code out} and its progress and errors to {@code err} (a test captures both). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Driftgate()).setOut(out).setErr(err);
        try {
            return execute(cli, args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int execute(CommandLine cli, String... args) {
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
        cli.setExecutionExceptionHandler((e, c, p) -> crashed(e, c.getErr()));
        try {
            return cli.execute(args);
        } catch (RuntimeException | Error e) {
            return crashed(e, cli.getErr());
        }
    }

    /**
     * Bad input is caught before anything changes (exit 3); anything else is a fault of driftgate
     * itself: a failure of the run, never a pass. One line says so; the stack trace goes to a file
     * for the bug report, not into the pipeline's log.
     */
    private static int crashed(Throwable e, PrintWriter err) {
        String where = "";
        try {
            Path file = Files.createDirectories(Path.of("target", "driftgate")).resolve("crash-" + System.currentTimeMillis() + ".txt");
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            Files.writeString(file, trace.toString());
            where = " (details in " + file.toAbsolutePath() + ")";
        } catch (IOException | RuntimeException unwritable) {
            where = " (the details could not be written: " + unwritable.getClass().getSimpleName() + ")";
        }
        String what = e.getMessage() == null ? "" : ": " + ConfigError.quote(e.getMessage().lines().findFirst().orElse(""));
        err.println("driftgate: failed: " + e.getClass().getSimpleName() + what + where);
        return ExitCode.FAILED.code();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: deploy, gate, rollback, recover, status, unlock, publish, report, record or cost");
    }
}
