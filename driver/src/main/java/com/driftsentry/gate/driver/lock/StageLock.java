package com.driftsentry.gate.driver.lock;

import com.driftsentry.gate.json.Json;
import com.driftsentry.gate.store.StageStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One command that changes a stage at a time. The lock is a small JSON object in the stage store
 * naming its holder; it is taken by a conditional create and changed only by conditional writes
 * on the version read, so two commands started in the same instant cannot both take it. The
 * holder renews it every {@code expiry / 4}; a lock not renewed for {@code expiry} (its runner
 * died) is taken over by the next command, which says so. {@link #breakLock} is {@code driftgate unlock}.
 */
public final class StageLock implements AutoCloseable {
    /** A lock whose holder stopped renewing it for this long is stale: the runner is gone. */
    public static final Duration EXPIRY = Duration.ofMinutes(2);
    static final String KEY = "lock.json";
    private static final int MAX_ATTEMPTS = 20;

    private final StageStore store;
    private final Holder me;
    private final Supplier<Instant> clock;
    private final ScheduledExecutorService renewer;
    private volatile boolean held = true;

    /** Who holds a stage: the run, its command, where it runs and since when; {@code renewed} is its last sign of life. */
    public record Holder(String runId, String command, String host, long pid, Instant since, Instant renewed) {
        public static Holder me(String runId, String command, Instant now) {
            String host = Optional.ofNullable(System.getenv("HOSTNAME")).orElseGet(() -> {
                try {
                    return java.net.InetAddress.getLocalHost().getHostName();
                } catch (IOException e) {
                    return "unknown host";
                }
            });
            return new Holder(runId, command, host, ProcessHandle.current().pid(), now, now);
        }

        Holder renewedAt(Instant now) {
            return new Holder(runId, command, host, pid, since, now);
        }

        public String describe(Instant now) {
            return command + " run " + runId + " on " + host + " (pid " + pid + ") since " + since + ", renewed "
                    + Duration.between(renewed, now).toSeconds() + " s ago";
        }
    }

    /** The stage is held by another run: nothing was changed. */
    public static final class Busy extends RuntimeException {
        private final Holder holder;

        public Busy(Holder holder, String message) {
            super(message);
            this.holder = holder;
        }

        /** The run holding the stage; null when what blocks it is an open intent. */
        public Holder holder() {
            return holder;
        }
    }

    private StageLock(StageStore store, Holder me, Supplier<Instant> clock, Duration renewEvery) {
        this.store = store;
        this.me = me;
        this.clock = clock;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "driftgate-stage-lock");
            t.setDaemon(true);
            return t;
        });
        renewer.scheduleAtFixedRate(this::renew, renewEvery.toMillis(), renewEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Takes the stage's lock for {@code me}, or throws {@link Busy} naming the holder. A stale
     * lock is taken over; {@code tookOver} then holds the run it replaced.
     */
    public static StageLock acquire(StageStore store, Holder me, Duration expiry, Supplier<Instant> clock, StringBuilder tookOver) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            if (store.create(KEY, StateFile.bytes(me))) {
                return new StageLock(store, me, clock, expiry.dividedBy(4));
            }
            Optional<StageStore.Stored> current = store.read(KEY);
            if (current.isEmpty()) {
                continue;
            }
            Optional<Holder> holder = parse(current.get());
            Instant now = clock.get();
            String replaced = "an unreadable lock";
            if (holder.isPresent()) {
                Holder h = holder.get();
                // A holder on this host whose process is gone needs no waiting for its expiry: it will never renew.
                boolean gone = h.host().equals(me.host()) && ProcessHandle.of(h.pid()).filter(ProcessHandle::isAlive).isEmpty();
                if (!gone && h.renewed().plus(expiry).isAfter(now)) {
                    throw new Busy(h, "the stage is busy: " + h.describe(now) + " holds its lock (fix: wait for it to end; if that run is gone, "
                            + "its lock expires " + expiry.toSeconds() + " s after its last renewal, or break it: driftgate unlock --env <env>)");
                }
                replaced = h.describe(now) + (gone ? " (its process is gone)" : " (not renewed for " + expiry.toSeconds() + " s)");
            }
            // Taken over only if nobody else did in between: the write is conditional on the version judged stale.
            if (store.replace(KEY, StateFile.bytes(me), current.get().version())) {
                tookOver.append(replaced);
                return new StageLock(store, me, clock, expiry.dividedBy(4));
            }
        }
        throw new Busy(null, "the stage's lock kept changing hands over " + MAX_ATTEMPTS + " tries (fix: driftgate status --env <env> shows who holds it)");
    }

    /** The holder now, if any (expired or not). */
    public static Optional<Holder> holder(StageStore store) {
        return store.read(KEY).flatMap(StageLock::parse);
    }

    /** {@code driftgate unlock}: removes the lock whoever holds it; returns the holder it removed. */
    public static Optional<Holder> breakLock(StageStore store) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<StageStore.Stored> current = store.read(KEY);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            if (store.delete(KEY, current.get().version())) {
                return parse(current.get());
            }
        }
        throw new Busy(null, "the stage's lock kept changing hands over " + MAX_ATTEMPTS + " tries");
    }

    public Holder holder() {
        return me;
    }

    /** False once another command broke this lock (driftgate unlock) or took it over. */
    public boolean held() {
        return held;
    }

    private void renew() {
        try {
            Optional<StageStore.Stored> current = store.read(KEY);
            Optional<Holder> holder = current.flatMap(StageLock::parse);
            if (holder.isEmpty() || !holder.get().runId().equals(me.runId())
                    || !store.replace(KEY, StateFile.bytes(holder.get().renewedAt(clock.get())), current.get().version())) {
                held = false;
            }
        } catch (RuntimeException e) {
            // the next renewal tries again; a lock not renewed for its expiry is only then free for others
        }
    }

    /** Releases the lock if it is still this run's. */
    @Override
    public void close() {
        renewer.shutdownNow();
        if (held) {
            held = false;
            Optional<StageStore.Stored> current = store.read(KEY);
            if (current.flatMap(StageLock::parse).filter(h -> h.runId().equals(me.runId())).isPresent()) {
                store.delete(KEY, current.get().version());
            }
        }
    }

    private static Optional<Holder> parse(StageStore.Stored stored) {
        try {
            return Optional.of(Json.MAPPER.readValue(stored.body(), Holder.class));
        } catch (IOException e) {
            // Not a lock this driftgate wrote whole: nobody holds it.
            return Optional.empty();
        }
    }
}
