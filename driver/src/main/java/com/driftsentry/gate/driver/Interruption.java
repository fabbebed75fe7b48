package com.driftsentry.gate.driver;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import com.driftsentry.gate.waiting.Waits;
import sun.misc.Signal;

/**
 * SIGTERM or SIGINT during a command that changes a stage (what a cancelled CI job sends): instead
 * of the JVM's default exit, the command is told, the gate in progress is stopped (its thread is
 * interrupted), and the stage runner restores the noted release and records the interruption. A
 * second signal does not cut that short: it is answered with one line. If the restore has not
 * ended {@link #DEADLINE} after the first signal (below GitHub's 10 s from cancel to SIGKILL),
 * driftgate exits with 143 and leaves its intent open, so that {@code driftgate recover} finishes it.
 */
final class Interruption implements Cancellation {
    static final Duration DEADLINE = Duration.ofSeconds(8);

    private final AtomicReference<String> signal = new AtomicReference<>();
    private final AtomicInteger count = new AtomicInteger();
    private final Progress progress;
    private final Thread main;
    private volatile boolean stopsWork;

    private Interruption(Progress progress, Thread main, boolean stopsWork) {
        this.progress = progress;
        this.main = main;
        this.stopsWork = stopsWork;
    }

    /**
     * Installs the handlers for the rest of this JVM's life (one command per JVM). {@code stopsWork}:
     * a deploy stops its gates and restores; a rollback or recover is itself the restore, and finishes.
     */
    static Interruption install(Progress progress, boolean stopsWork) {
        Interruption i = new Interruption(progress, Thread.currentThread(), stopsWork);
        // A wait in progress (for ECS to be stable, for a release to be ready) ends too, not only the gate's own thread.
        Waits.stopWhen(() -> i.stopsWork && i.signal.get() != null);
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), s -> i.received("SIG" + s.getName()));
        }
        return i;
    }

    @Override
    public Optional<String> by() {
        return Optional.ofNullable(signal.get());
    }

    @Override
    public void restoring() {
        stopsWork = false;
    }

    private void received(String name) {
        if (count.incrementAndGet() == 1) {
            signal.set(name);
            progress.say(name + (stopsWork ? ": cancelling; the gate in progress stops and the noted release is restored" : ": the restore in progress finishes")
                    + " (at most " + DEADLINE.toSeconds() + " s, else the intent stays open for driftgate recover)");
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "driftgate-interruption-deadline");
                t.setDaemon(true);
                return t;
            }).schedule(this::deadline, DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            if (stopsWork) {
                main.interrupt();
            }
        } else {
            progress.say(name + " again: the restore after " + signal.get() + " is in progress and ends, or is recorded as incomplete, within "
                    + DEADLINE.toSeconds() + " s of the first signal");
        }
    }

    private void deadline() {
        progress.say("the restore after " + signal.get() + " did not end within " + DEADLINE.toSeconds()
                + " s: exiting with the intent open; driftgate recover restores the noted release and verifies it");
        // The shutdown hooks still run: what this command started stops, and the lock is released (the intent is not).
        System.exit(143);
    }
}
