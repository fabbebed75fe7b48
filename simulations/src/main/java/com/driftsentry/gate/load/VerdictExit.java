package com.driftsentry.gate.load;

import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.verdict.ExitCode;
import com.driftsentry.gate.verdict.Outcome;
import java.util.function.Supplier;

/**
 * The load run's exit code. Gatling decides its own from its assertions and owns {@code main};
 * the gate's verdict (which also knows INCONCLUSIVE, the cache and regressions) must have the last
 * word, and bad input must end the JVM before any load with one line and exit 3.
 */
final class VerdictExit {
    private VerdictExit() {
    }

    /** Runs {@code start}; bad input ends the JVM at once with one line and {@link ExitCode#BAD_INPUT}. */
    static <T> T orBadInput(Supplier<T> start) {
        try {
            return start.get();
        } catch (ConfigError e) {
            System.exit(ExitCode.badInput("driftgate load", e, System.err).code());
            throw e;
        }
    }

    /** Ends the JVM now with the verdict's code: the run was refused before any load (Gatling has not started). */
    static void now(Outcome outcome) {
        System.out.flush();
        System.exit(ExitCode.of(outcome).code());
    }

    /** A shutdown hook that halts with the verdict's code runs after Gatling has written its report. */
    static void exitWith(Outcome outcome) {
        int code = ExitCode.of(outcome).code();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(code);
        }, "gate-verdict-exit"));
    }
}
