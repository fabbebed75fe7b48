package com.driftsentry.gate.driver.lock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What a command is about to change on a stage, written before the platform changes anything and
 * removed when the command ends, whatever the outcome. One left open means its runner died in
 * the middle (SIGKILL, a lost machine): the stage may run an unverified candidate, so nothing
 * changes it again until {@code driftgate recover} has restored {@code from} and verified it.
 * The releases are kept whole (image, version, platform revision) so the restore needs nothing else.
 */
public record Intent(String runId, String command, String environment, Release from, Release to, Instant started, String host, long pid) {
    private static final ObjectMapper JSON = StateFile.JSON;

    /** A release as the intent records it (the platform's {@code Release}, without depending on the platform package). */
    public record Release(String image, String version, String revision) {
    }

    public String describe() {
        return command + " run " + runId + " (" + (from == null ? "nothing" : from.image()) + " → " + (to == null ? "?" : to.image()) + ") on "
                + host + " (pid " + pid + "), started " + started;
    }

    /** Written whole (a temporary file moved into place): a reader sees the intent or none, never half of one. */
    public void open(Path file) {
        try {
            StateFile.write(file, this);
        } catch (IOException e) {
            throw new UncheckedIOException("the intent " + file + " could not be written: " + e.getMessage(), e);
        }
    }

    /** The command ended (any outcome): its intent is settled. Only this run's own intent is removed. */
    public void close(Path file) {
        try {
            if (read(file).filter(i -> i.runId().equals(runId)).isPresent()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the intent " + file + " could not be closed: " + e.getMessage(), e);
        }
    }

    /** The open intent, if a command left one. An unreadable one is still an open intent: the stage's state is unknown. */
    public static Optional<Intent> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return Optional.of(JSON.readValue(text, Intent.class));
        } catch (JsonProcessingException e) {
            return Optional.of(new Intent("unknown", "unknown", "unknown", null, null, Instant.EPOCH, "unknown", -1));
        }
    }

    /** {@code recover}: the intent it settled is removed. */
    public static void settle(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("the intent " + file + " could not be removed: " + e.getMessage(), e);
        }
    }
}
