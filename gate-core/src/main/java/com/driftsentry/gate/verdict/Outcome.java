package com.driftsentry.gate.verdict;

import java.util.Collection;

/** The result of one criterion, and of a whole verdict. */
public enum Outcome {
    PASS, FAIL, INCONCLUSIVE;

    /** FAIL if any failed, else INCONCLUSIVE if any lacked data, else PASS. No lines at all is no data. */
    public static Outcome overall(Collection<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return INCONCLUSIVE;
        }
        if (outcomes.contains(FAIL)) {
            return FAIL;
        }
        return outcomes.contains(INCONCLUSIVE) ? INCONCLUSIVE : PASS;
    }
}
