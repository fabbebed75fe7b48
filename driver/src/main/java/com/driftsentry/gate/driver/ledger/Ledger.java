package com.driftsentry.gate.driver.ledger;

import com.driftsentry.gate.json.Json;
import static com.driftsentry.gate.waiting.Waits.await;

import com.driftsentry.gate.store.StageStore;
import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.environment.Masker;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The stage's memory: JSON lines in the stage store, one entry per deploy, gate run, rollback,
 * recovery or unlock (who, when, from and to which release, every verdict line, durations,
 * outcome). The serving release is the last entry's {@code serving}. Every entry is masked, carries
 * its {@code format}, and is appended by a conditional write of the whole ledger: a writer that
 * lost a race reads again, so no append loses another's entry. A damaged ledger (a line cut off, a
 * line that is not an entry, an entry format this driftgate does not know) is refused with exit 3
 * and nothing is written on top of it: it is someone's record, to be repaired by a person.
 */
public final class Ledger {
    /** The entry format this driftgate writes and reads; a newer one is refused, not guessed at. */
    public static final int FORMAT = 1;
    static final String KEY = "ledger.jsonl";
    // An entry with every verdict line of a deploy is a few KiB; a megabyte line is not an entry.
    private static final int MAX_LINE_BYTES = 1 << 20;
    // Conditional appends that keep losing the race this long: far more writers than any stage has.
    private static final Duration APPEND_WITHIN = Duration.ofSeconds(30);

    private final StageStore store;
    private final Masker masker;

    public Ledger(StageStore store, Masker masker) {
        this.store = store;
        this.masker = masker;
    }

    /** Where people find it. */
    public String where() {
        return store.where(KEY);
    }

    public void append(LedgerEntry entry) {
        byte[] line = (masker.mask(Json.write(entry)) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            // Another writer won the race: read its entry and try again after a short random pause, so the losers do not collide in step.
            await("an append to the ledger " + where()).atMost(APPEND_WITHIN).pollDelay(Duration.ZERO)
                    .pollInterval((count, previous) -> Duration.ofMillis(ThreadLocalRandom.current().nextLong(5, 50)))
                    .until(() -> {
                        Optional<StageStore.Stored> now = store.read(KEY);
                        return now.isEmpty() ? store.create(KEY, line) : store.replace(KEY, appended(now.get(), line), now.get().version());
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("the ledger " + where() + " kept changing under this append for " + APPEND_WITHIN.toSeconds() + " s");
        }
    }

    private byte[] appended(StageStore.Stored now, byte[] line) {
        parse(now.body());
        ByteArrayOutputStream out = new ByteArrayOutputStream(now.body().length + line.length);
        out.writeBytes(now.body());
        out.writeBytes(line);
        return out.toByteArray();
    }

    /** Every entry, oldest first. A damaged ledger is a {@link ConfigError} naming it and the line. */
    public List<JsonNode> entries() {
        return store.read(KEY).map(s -> parse(s.body())).orElse(List.of());
    }

    private List<JsonNode> parse(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw damaged("it is not UTF-8 text");
        }
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw damaged("its last line is cut off (no newline at its end: a writer stopped in the middle)");
        }
        List<JsonNode> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            if (line.length() > MAX_LINE_BYTES) {
                throw damaged("line " + (i + 1) + " is larger than any entry");
            }
            JsonNode entry;
            try {
                entry = Json.MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                throw damaged("line " + (i + 1) + " is not a JSON entry");
            }
            if (!entry.isObject()) {
                throw damaged("line " + (i + 1) + " is not a JSON entry");
            }
            JsonNode format = entry.path("format");
            if (!format.isMissingNode() && !(format.canConvertToInt() && format.asInt() == FORMAT)) {
                throw damaged("line " + (i + 1) + " has entry format " + format + ", this driftgate reads format " + FORMAT
                        + " (use the driftgate that wrote it)");
            }
            entries.add(entry);
        }
        return entries;
    }

    private ConfigError damaged(String what) {
        return new ConfigError("the ledger " + where() + " is damaged: " + what + "; driftgate writes nothing on top of it (fix: keep a copy, "
                + "then restore its last good version or remove the damaged line by hand)");
    }

    /** The release serving after the last entry that changed it. */
    public Optional<String> serving() {
        List<JsonNode> all = entries();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).hasNonNull("serving")) {
                return Optional.of(all.get(i).get("serving").asText());
            }
        }
        return Optional.empty();
    }

    /** Whether {@code driftgate publish} has ever published the stage's hosted dashboard (a PROMOTED publish entry). */
    public boolean pagePublished() {
        return entries().stream().anyMatch(e -> "publish".equals(e.path("command").asText()) && "PROMOTED".equals(e.path("outcome").asText()));
    }

    /** The release that served before the current one: what a plain {@code rollback} goes back to. */
    public Optional<String> previous() {
        List<String> history = new ArrayList<>();
        for (JsonNode e : entries()) {
            // An entry's "from" served before it (the first promotion's "from" is the baseline, never recorded as serving).
            for (String field : new String[] {"from", "serving"}) {
                if (e.hasNonNull(field) && (history.isEmpty() || !history.get(history.size() - 1).equals(e.get(field).asText()))) {
                    history.add(e.get(field).asText());
                }
            }
        }
        return history.size() < 2 ? Optional.empty() : Optional.of(history.get(history.size() - 2));
    }
}
