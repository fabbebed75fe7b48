package com.driftsentry.gate.background;

import java.util.concurrent.Executor;

/**
 * Work begun now and joined later (a browser's start, a target's warm-up, a suite's warm-up), each task on a new thread
 * of its own. Never the common pool: on a 2-core machine it has one worker, which one such task holds for seconds and
 * a second task waits behind. Daemon threads: whoever begins the work joins it or discards it.
 */
public final class OwnThread {
    private OwnThread() {
    }

    /** An executor that runs each task on a new daemon thread called {@code name}. */
    public static Executor named(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        };
    }
}
