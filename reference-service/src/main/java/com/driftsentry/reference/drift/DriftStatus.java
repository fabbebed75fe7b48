package com.driftsentry.reference.drift;

import com.driftsentry.reference.http.ApiProblem;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/** Where a drift is in its life, and the transitions that move it on. */
public enum DriftStatus {
    OPEN, ACKNOWLEDGED, REMEDIATED, IGNORED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isResolved() {
        return this == REMEDIATED || this == IGNORED;
    }

    public static DriftStatus parse(String field, String value) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(value)).findFirst()
                .orElseThrow(() -> ApiProblem.badRequest(field + ": '" + value + "' is not one of open, acknowledged, remediated, ignored"));
    }

    /** A state change a caller can ask for, with the states it may start from. */
    public enum Transition {
        ACKNOWLEDGE(ACKNOWLEDGED, Set.of(OPEN)),
        REMEDIATE(REMEDIATED, Set.of(OPEN, ACKNOWLEDGED)),
        IGNORE(IGNORED, Set.of(OPEN, ACKNOWLEDGED));

        private final DriftStatus target;
        private final Set<DriftStatus> from;

        Transition(DriftStatus target, Set<DriftStatus> from) {
            this.target = target;
            this.from = from;
        }

        public DriftStatus target() {
            return target;
        }

        public boolean allowedFrom(DriftStatus current) {
            return from.contains(current);
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
