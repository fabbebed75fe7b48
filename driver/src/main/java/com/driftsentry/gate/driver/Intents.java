package com.driftsentry.gate.driver;

import com.driftsentry.gate.driver.lock.Intent;
import com.driftsentry.gate.driver.lock.StageLock;
import com.driftsentry.gate.driver.platform.Release;
import com.driftsentry.gate.store.StageStore;
import java.time.Instant;
import java.util.Map;

/** Where the stage runner says what it is about to change, before the platform changes it (see {@code lock/Intent}). */
interface Intents {
    Intents NONE = new Intents() {
        @Override
        public void open(String command, Release from, Release to) {
        }

        @Override
        public void close() {
        }
    };

    void open(String command, Release from, Release to);

    /** {@code publish}: the hosted page's files before it writes them (key → version id, {@code ""} for none). */
    default void openPage(Map<String, String> before) {
        throw new UnsupportedOperationException("this run notes no page");
    }

    void close();

    /** The run's intent in the stage's store: opened before the platform changes anything, closed once the ledger has the run's entry. */
    static Intents in(StageStore store, String runId, String environment) {
        return new Intents() {
            private Intent current;

            @Override
            public void open(String command, Release from, Release to) {
                write(command, recorded(from), recorded(to), null);
            }

            @Override
            public void openPage(Map<String, String> before) {
                write("publish", null, null, Map.copyOf(before));
            }

            private void write(String command, Intent.Release from, Intent.Release to, Map<String, String> page) {
                StageLock.Holder me = StageLock.Holder.me(runId, command, Instant.now());
                current = new Intent(runId, command, environment, from, to, me.since(), me.host(), me.pid(), page);
                current.open(store);
            }

            @Override
            public void close() {
                if (current != null) {
                    current.close(store);
                }
            }
        };
    }

    private static Intent.Release recorded(Release r) {
        return r == null ? null : new Intent.Release(r.image(), r.version(), r.revision());
    }
}
