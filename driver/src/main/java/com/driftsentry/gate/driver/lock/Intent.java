package com.driftsentry.gate.driver.lock;

import com.driftsentry.gate.json.Json;
import com.driftsentry.gate.store.StageStore;
import java.io.IOException;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a command is about to change on a stage, written before the platform changes anything and
 * removed when the command ends, whatever the outcome. One left open means its runner died in
 * the middle (SIGKILL, a lost machine): the stage may run an unverified candidate, so nothing
 * changes it again until {@code driftgate recover} has restored {@code from} and verified it.
 * The releases are kept whole (image, version, platform revision) so the restore needs nothing else.
 * A {@code publish} notes the hosted dashboard's files instead ({@code page}: each key it touches and the version it had,
 * {@code ""} where it had none), which is all a restore of the page needs.
 */
public record Intent(String runId, String command, String environment, Release from, Release to, Instant started, String host, long pid,
                     @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, String> page) {
    static final String KEY = "intent.json";

    /** A release as the intent records it (the platform's {@code Release}, without depending on the platform package). */
    public record Release(String image, String version, String revision) {
    }

    public String describe() {
        String what = page != null ? "the dashboard's " + page.size() + " files" : (from == null ? "nothing" : from.image()) + " → " + (to == null ? "?" : to.image());
        return command + " run " + runId + " (" + what + ") on " + host + " (pid " + pid + "), started " + started;
    }

    /** Written whole: a reader sees the intent or none, never half of one. Only the lock holder writes it. */
    public void open(StageStore store) {
        store.put(KEY, StateFile.bytes(this));
    }

    /** The command ended (any outcome): its intent is settled. Only this run's own intent is removed. */
    public void close(StageStore store) {
        Optional<StageStore.Stored> current = store.read(KEY);
        if (current.flatMap(Intent::parse).filter(i -> i.runId().equals(runId)).isPresent()) {
            store.delete(KEY, current.get().version());
        }
    }

    /** The open intent, if a command left one. An unreadable one is still an open intent: the stage's state is unknown. */
    public static Optional<Intent> read(StageStore store) {
        return store.read(KEY).map(s -> parse(s).orElseGet(() -> new Intent("unknown", "unknown", "unknown", null, null, Instant.EPOCH, "unknown", -1, null)));
    }

    /** {@code recover}: the intent it settled is removed. */
    public static void settle(StageStore store) {
        store.read(KEY).ifPresent(s -> store.delete(KEY, s.version()));
    }

    /** Where a person finds it. */
    public static String where(StageStore store) {
        return store.where(KEY);
    }

    private static Optional<Intent> parse(StageStore.Stored stored) {
        try {
            return Optional.of(Json.MAPPER.readValue(stored.body(), Intent.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
