package com.driftsentry.gate.driver;

import java.util.Optional;

/** What tells a command that changes a stage that it was cancelled (SIGTERM, SIGINT): {@link Interruption}. */
interface Cancellation {
    Cancellation NONE = new Cancellation() {
        @Override
        public Optional<String> by() {
            return Optional.empty();
        }

        @Override
        public void restoring() {
        }
    };

    /** The signal that cancelled the command, if one did. */
    Optional<String> by();

    /** From here on the command promotes or restores: a signal must not cut that short, only be recorded. */
    void restoring();
}
