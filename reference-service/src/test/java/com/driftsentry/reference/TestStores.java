package com.driftsentry.reference;

import com.driftsentry.reference.embedded.EmbeddedStores;

/** One embedded PostgreSQL + Redis for the whole test JVM: starting them costs seconds. */
final class TestStores {
    private static EmbeddedStores shared;

    private TestStores() {
    }

    static synchronized EmbeddedStores shared() {
        if (shared == null) {
            shared = EmbeddedStores.start();
            EmbeddedStores stores = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(stores::close));
        }
        return shared;
    }
}
