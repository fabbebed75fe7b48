package com.driftsentry.gate.driver.gates;

import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import java.util.List;

/**
 * One step of the stage's judgement (health and version, smoke, contract, load, alarms, budget):
 * it measures, compares and says why, and returns a verdict; it never throws. A measured breach,
 * or a release that died, is FAIL; a measurement that could not be taken is INCONCLUSIVE with the
 * reason (docs/gates.md, "Could not measure").
 */
public interface Gate {
    String name();

    Verdict judge();

    /**
     * True for a gate whose verdict rests on time it measures (latency, page loads): while it runs, the next gate
     * prepares nothing, so nothing else competes with what it measures.
     */
    default boolean timed() {
        return false;
    }

    /** Starts, while an untimed gate before it runs, what this gate needs that sends the release nothing (a browser). */
    default void prepare() {
    }

    /** Stops what {@link #prepare()} started when this gate is not going to judge; after {@link #judge()} it does nothing. */
    default void discard() {
    }

    /**
     * Waits for what this gate still writes after its verdict (Gatling's report): called once the stage's change that
     * follows the gates is done, so that the command ends with every report whole.
     */
    default void settle() {
    }

    /** The verdict of this gate, under its own name. */
    default Verdict verdict(String environment, String subject, String target, VerdictLine... lines) {
        return Verdict.of(name(), environment, subject, target, List.of(lines));
    }
}
