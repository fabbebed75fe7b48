package com.driftsentry.gate.driver.decision;

import com.driftsentry.gate.verdict.ExitCode;
import com.driftsentry.gate.verdict.Outcome;

/**
 * How a command ended, as the ledger, the notes and the notifications name it, with the exit code each carries (one
 * place, as Argo Rollouts' phases are one list). The gates' own outcomes end a run that promotes nothing: a compose
 * stage's verdict, {@code gate}, a candidate that was stopped.
 */
public enum RunOutcome {
    /** Every gate passed; nothing was promoted (a stage that keeps no release, or {@code gate}). */
    PASS(ExitCode.PASSED),
    /** A gate failed; nothing was promoted or restored. */
    FAIL(ExitCode.FAILED),
    /** Too little data to judge; nothing was promoted or restored. */
    INCONCLUSIVE(ExitCode.INCONCLUSIVE),
    /** Every gate passed; the candidate serves, verified. */
    PROMOTED(ExitCode.PASSED),
    /**
     * The release that served before serves again, verified. Its exit code is what was judged: a deploy's rejected
     * candidate (1 FAIL, 4 INCONCLUSIVE), or 0 for a rollback asked for by a person.
     */
    ROLLED_BACK(null),
    /** The restore or its verification did not complete: a person must act (exit 2). */
    ROLLBACK_FAILED(ExitCode.ROLLBACK_FAILED),
    /** What an interrupted command noted serves again, verified. */
    RECOVERED(ExitCode.PASSED),
    /** A person broke the stage's lock ({@code driftgate unlock}); the ledger says who. */
    UNLOCKED(ExitCode.PASSED);

    private final ExitCode exitCode;

    RunOutcome(ExitCode exitCode) {
        this.exitCode = exitCode;
    }

    /** The gates' outcome as a run's: PASS, FAIL or INCONCLUSIVE. */
    public static RunOutcome judged(Outcome gates) {
        return switch (gates) {
            case PASS -> PASS;
            case FAIL -> FAIL;
            case INCONCLUSIVE, NOT_JUDGED -> INCONCLUSIVE;
        };
    }

    /** The process's exit code; {@code judged} matters only to {@link #ROLLED_BACK}, whose code is what the rollback answered. */
    public ExitCode exitCode(Outcome judged) {
        return exitCode != null ? exitCode : ExitCode.of(judged);
    }
}
