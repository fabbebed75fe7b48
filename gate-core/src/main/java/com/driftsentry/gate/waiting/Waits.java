package com.driftsentry.gate.waiting;

import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * The one way to wait: Awaitility, cut short once the command is told to stop (SIGTERM, SIGINT).
 * Awaitility 4.3 keeps polling when the waiting thread is interrupted, until its own timeout
 * (measured: a 5 s wait interrupted after 1 s ends at 5 s), so a cancelled deploy waiting up to
 * ten minutes for ECS would outlive GitHub's kill timeout. A wait cut short throws Awaitility's
 * {@code TerminalFailureException}, naming the wait.
 */
public final class Waits {
    private static volatile BooleanSupplier stopping = () -> false;

    private Waits() {
    }

    /** Every wait started from now on ends as soon as {@code stop} answers true (one command per JVM). */
    public static void stopWhen(BooleanSupplier stop) {
        stopping = stop;
    }

    public static ConditionFactory await(String alias) {
        return Awaitility.await(alias).failFast("the command was cancelled", () -> stopping.getAsBoolean());
    }
}
