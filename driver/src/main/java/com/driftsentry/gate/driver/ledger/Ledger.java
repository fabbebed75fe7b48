package com.driftsentry.gate.driver.ledger;

import com.driftsentry.gate.environment.Masker;
import com.driftsentry.gate.environment.TextFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stage's memory: an append-only JSON-lines file, one entry per deploy, gate run and rollback
 * (who, when, from and to which release, every verdict line, durations, outcome). It carries the
 * state between commands: the serving release is the last entry's {@code serving}. Every entry is
 * masked before it is written, and written whole under a file lock with a single append.
 */
public final class Ledger {
    private static final ObjectMapper JSON = new ObjectMapper();
    // An entry with every verdict line of a deploy is a few KiB; a megabyte line is not an entry.
    private static final int MAX_LINE_BYTES = 1 << 20;

    private final Path file;
    private final Masker masker;

    public Ledger(Path file, Masker masker) {
        this.file = file;
        this.masker = masker;
    }

    public Path file() {
        return file;
    }

    public void append(Map<String, Object> entry) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            String line = masker.mask(JSON.writeValueAsString(entry)) + "\n";
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                 FileLock lock = ch.lock()) {
                // Under the lock the end cannot move. A last line cut off by a writer that died stays on its own line:
                // this entry is never glued to it.
                ByteBuffer bytes = ByteBuffer.wrap(((endsTorn(ch) ? "\n" : "") + line).getBytes(StandardCharsets.UTF_8));
                for (long at = ch.size(); bytes.hasRemaining(); ) {
                    at += ch.write(bytes, at);
                }
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not append to the ledger " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean endsTorn(FileChannel ch) throws IOException {
        if (ch.size() == 0) {
            return false;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        ch.read(last, ch.size() - 1);
        return last.get(0) != '\n';
    }

    /**
     * Every entry, oldest first; a line that does not parse (a torn write by another tool) is
     * skipped, not fatal. A file that is not UTF-8 text, or a line larger than any entry, is bad
     * input naming the file: the ledger is someone's record, so it is never rewritten here.
     */
    public List<JsonNode> entries() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<JsonNode> entries = new ArrayList<>();
        for (String line : TextFiles.lines(file, MAX_LINE_BYTES, "the ledger holds one JSON entry per line; move the damaged file aside,"
                + " or remove the damaged line, and keep a copy")) {
            try {
                if (!line.isBlank()) {
                    entries.add(JSON.readTree(line));
                }
            } catch (JsonProcessingException torn) {
                // kept out of the state; the file itself is never rewritten
            }
        }
        return entries;
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
