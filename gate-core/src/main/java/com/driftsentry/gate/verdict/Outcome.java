package com.driftsentry.gate.verdict;

import java.util.Collection;
import java.util.List;

/**
 * The result of one criterion, and of a whole verdict. {@code NOT_JUDGED} is a line the environment
 * says not to judge yet (a regression bound before the stage has a baseline): shown with its
 * reason, counted towards nothing. A verdict is never NOT_JUDGED.
 */
public enum Outcome {
    PASS, FAIL, INCONCLUSIVE, NOT_JUDGED;

    /** FAIL if any failed, else INCONCLUSIVE if any lacked data, else PASS; lines not judged count for nothing, and no judged line at all is no data. */
    public static Outcome overall(Collection<Outcome> all) {
        List<Outcome> outcomes = all.stream().filter(o -> o != NOT_JUDGED).toList();
        if (outcomes.isEmpty()) {
            return INCONCLUSIVE;
        }
        if (outcomes.contains(FAIL)) {
            return FAIL;
        }
        return outcomes.contains(INCONCLUSIVE) ? INCONCLUSIVE : PASS;
    }

    /** As people read it: NOT JUDGED, not NOT_JUDGED (the JSON keeps the name). */
    @Override
    public String toString() {
        return name().replace('_', ' ');
    }
}
