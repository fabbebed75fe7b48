package com.driftsentry.gate.verdict;

import java.io.PrintWriter;
import com.driftsentry.gate.environment.ConfigError;
import java.io.PrintStream;

/**
 * The exit codes of every gate and of driftgate, defined once: {@code mvn gatling:test}, the smoke
 * and contract mains, the evidence summary and driftgate all exit with these. A pipeline reads
 * them; docs/gates.md and docs/driver.md list them.
 */
public enum ExitCode {
    PASSED(0, "promoted, or every gate passed"),
    FAILED(1, "a gate failed (rolled back where the environment says so)"),
    ROLLBACK_FAILED(2, "a rollback failed: a person must act"),
    BAD_INPUT(3, "bad input (environment, arguments, secrets): nothing was changed"),
    INCONCLUSIVE(4, "inconclusive (not enough data): nothing was promoted"),
    STAGE_BUSY(5, "stage busy: another command holds the stage's lock; nothing was changed");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** A verdict's outcome as a process result: PASS 0, FAIL 1, INCONCLUSIVE 4. */
    public static ExitCode of(Outcome outcome) {
        return switch (outcome) {
            case PASS -> PASSED;
            case FAIL -> FAILED;
            case INCONCLUSIVE, NOT_JUDGED -> INCONCLUSIVE;
        };
    }

    /**
     * The one place bad input becomes an exit code: one line on {@code err} that names the tool and
     * carries the error's file, field and fix; never a stack trace.
     */
    public static ExitCode badInput(String tool, ConfigError error, PrintStream err) {
        return badInput(tool, error, new PrintWriter(err, true));
    }

    /** As {@link #badInput(String, ConfigError, PrintStream)}, to a command line's own error writer. */
    public static ExitCode badInput(String tool, ConfigError error, PrintWriter err) {
        err.println(tool + ": " + error.getMessage());
        err.flush();
        return BAD_INPUT;
    }
}
