package com.driftsentry.gate.suite;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What a suite created on a stage and must undo: each test registers the undo as soon as the
 * thing exists, and the runner runs every undo after the last test, newest first, whether the
 * tests passed or not. One failing undo does not stop the others.
 */
public final class Cleanup {
    /** One undo, e.g. "revoke key smoke-…" with the call that does it. */
    @FunctionalInterface
    public interface Undo {
        void run() throws Exception;
    }

    private record Entry(String what, Undo undo) {
    }

    /** One undo as it went: {@code failure} is null when it worked. */
    public record Result(String what, String failure) {
        public boolean done() {
            return failure == null;
        }

        @Override
        public String toString() {
            return done() ? "cleaned up: " + what : "CLEANUP FAILED: " + what + ": " + failure;
        }
    }

    private final Deque<Entry> pending = new ArrayDeque<>();

    public synchronized void register(String what, Undo undo) {
        pending.push(new Entry(what, undo));
    }

    /** Runs every pending undo; returns one result per undo, newest first. */
    public List<Result> runAll() {
        List<Result> report = new ArrayList<>();
        while (true) {
            Entry e;
            synchronized (this) {
                e = pending.poll();
            }
            if (e == null) {
                return report;
            }
            try {
                e.undo.run();
                report.add(new Result(e.what, null));
            } catch (Exception | AssertionError failure) {
                report.add(new Result(e.what, String.valueOf(failure.getMessage())));
            }
        }
    }
}
