package com.driftsentry.gate.driver;

/** The exit codes of driftgate (DESIGN.md); a gate's own outcome maps through {@code Outcome.exitCode()}. */
public final class ExitCode {
    public static final int PASSED = 0;
    public static final int FAILED = 1;
    public static final int ROLLBACK_FAILED = 2;
    public static final int BAD_INPUT = 3;
    public static final int INCONCLUSIVE = 4;

    private ExitCode() {
    }
}
