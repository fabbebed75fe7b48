package com.driftsentry.gate.driver;

import com.driftsentry.gate.verdict.Outcome;

/** The exit codes of driftgate (DESIGN.md). */
public final class ExitCode {
    public static final int PASSED = 0;
    public static final int FAILED = 1;
    public static final int ROLLBACK_FAILED = 2;
    public static final int BAD_INPUT = 3;
    public static final int INCONCLUSIVE = 4;

    private ExitCode() {
    }

    static int of(Outcome outcome) {
        return outcome.exitCode();
    }
}
