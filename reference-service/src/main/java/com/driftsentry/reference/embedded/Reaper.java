package com.driftsentry.reference.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tiny shell process in its own session that waits for this JVM to end and then stops the
 * embedded PostgreSQL (by its postmaster.pid) and Redis (by the pid written beside it). A JVM killed with
 * SIGKILL runs no shutdown hook, and pg_ctl daemonises the postmaster, so without this a crash
 * would leave both running. On a clean close the reaper is told to exit without doing anything.
 */
final class Reaper {
    private static final String SCRIPT = """
            jvm="$1"; data="$2"
            disarmed() { [ -e "$data/.reaper-disarmed" ] && rm -rf "$data" && exit 0; }
            while kill -0 "$jvm" 2>/dev/null; do disarmed; sleep 0.5; done
            disarmed
            if [ -f "$data/postmaster.pid" ]; then
              pg=$(head -n 1 "$data/postmaster.pid")
              kill -INT "$pg" 2>/dev/null
              for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pg" 2>/dev/null || break; sleep 0.5; done
              kill -KILL "$pg" 2>/dev/null
            fi
            if [ -f "$data/redis.pid" ]; then
              rp=$(cat "$data/redis.pid")
              grep -q redis-server "/proc/$rp/cmdline" 2>/dev/null && kill -KILL "$rp"
            fi
            rm -rf "$data"
            """;

    private final Path dataDir;

    private Reaper(Path dataDir) {
        this.dataDir = dataDir;
    }

    static Reaper watch(Path dataDir) {
        try {
            new ProcessBuilder("setsid", "sh", "-c", SCRIPT, "reaper",
                    Long.toString(ProcessHandle.current().pid()), dataDir.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new Reaper(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the process reaper (needs setsid and sh)", e);
        }
    }

    /** Records Redis's pid each time it (re)starts. */
    void redisStarted(long pid) {
        try {
            Files.writeString(dataDir.resolve("redis.pid"), Long.toString(pid));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void disarm() {
        try {
            Files.createDirectories(dataDir);
            Files.writeString(dataDir.resolve(".reaper-disarmed"), "");
        } catch (IOException ignored) {
            // the data directory is gone already: the reaper finds nothing to stop
        }
    }
}
