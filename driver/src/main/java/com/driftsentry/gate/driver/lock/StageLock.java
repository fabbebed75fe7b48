package com.driftsentry.gate.driver.lock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One command that changes a stage at a time. The lock is a small JSON file beside the stage's
 * ledger naming its holder; every read-and-change of it happens under an OS lock on a guard file,
 * so two commands started in the same instant cannot both take it. The holder renews it every
 * {@code expiry / 4}; a lock not renewed for {@code expiry} (its runner died) is taken over by the
 * next command, which says so. {@link #breakLock} is {@code driftgate unlock}.
 */
public final class StageLock implements AutoCloseable {
    /** A lock whose holder stopped renewing it for this long is stale: the runner is gone. */
    public static final Duration EXPIRY = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = StateFile.JSON;

    private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();

    private final Path file;
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

    private StageLock(Path file, Holder me, Supplier<Instant> clock, Duration renewEvery) {
        this.file = file;
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
    public static StageLock acquire(Path file, Holder me, Duration expiry, Supplier<Instant> clock, StringBuilder tookOver) {
        guarded(file, () -> {
            Optional<Holder> current = read(file);
            Instant now = clock.get();
            if (current.isPresent()) {
                Holder h = current.get();
                // A holder on this host whose process is gone needs no waiting for its expiry: it will never renew.
                boolean gone = h.host().equals(me.host()) && ProcessHandle.of(h.pid()).filter(ProcessHandle::isAlive).isEmpty();
                if (!gone && h.renewed().plus(expiry).isAfter(now)) {
                    throw new Busy(h, "the stage is busy: " + h.describe(now) + " holds its lock (fix: wait for it to end; if that run is gone, "
                            + "its lock expires " + expiry.toSeconds() + " s after its last renewal, or break it: driftgate unlock --env <env>)");
                }
                tookOver.append(h.describe(now)).append(gone ? " (its process is gone)" : " (not renewed for " + expiry.toSeconds() + " s)");
            }
            StateFile.write(file, me);
            return null;
        });
        return new StageLock(file, me, clock, expiry.dividedBy(4));
    }

    /** The holder now, if any (expired or not). */
    public static Optional<Holder> holder(Path file) {
        return guarded(file, () -> read(file));
    }

    /** {@code driftgate unlock}: removes the lock whoever holds it; returns the holder it removed. */
    public static Optional<Holder> breakLock(Path file) {
        return guarded(file, () -> {
            Optional<Holder> current = read(file);
            Files.deleteIfExists(file);
            return current;
        });
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
            guarded(file, () -> {
                Optional<Holder> current = read(file);
                if (current.isPresent() && current.get().runId().equals(me.runId())) {
                    StateFile.write(file, current.get().renewedAt(clock.get()));
                } else {
                    held = false;
                }
                return null;
            });
        } catch (RuntimeException e) {
            // the next renewal tries again; a lock not renewed for its expiry is only then free for others
        }
    }

    /** Releases the lock if it is still this run's. */
    @Override
    public void close() {
        renewer.shutdownNow();
        guarded(file, () -> {
            if (read(file).filter(h -> h.runId().equals(me.runId())).isPresent()) {
                Files.deleteIfExists(file);
            }
            return null;
        });
        held = false;
    }

    private interface Action<T> {
        T run() throws IOException;
    }

    private static <T> T guarded(Path file, Action<T> action) {
        Path guard = file.toAbsolutePath().normalize().resolveSibling(file.getFileName() + ".guard");
        // The OS lock serialises processes; threads of one process (the renewer, a test) queue here first, as the OS lock is per process.
        synchronized (MONITORS.computeIfAbsent(guard, g -> new Object())) {
            return guardedByOs(file, guard, action);
        }
    }

    private static <T> T guardedByOs(Path file, Path guard, Action<T> action) {
        try {
            Files.createDirectories(guard.getParent());
            try (FileChannel ch = FileChannel.open(guard, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = ch.lock()) {
                return action.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the stage lock " + file + " could not be read or written: " + e.getMessage(), e);
        }
    }

    private static Optional<Holder> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), Holder.class));
        } catch (JsonProcessingException e) {
            // A lock file cut short by a runner that died mid-write: nobody holds it.
            return Optional.empty();
        }
    }
}
