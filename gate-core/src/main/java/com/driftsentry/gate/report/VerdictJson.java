package com.driftsentry.gate.report;

import com.driftsentry.gate.json.Json;
import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code verdict.json}: the verdict as data, bound by Jackson from {@link Document} and the
 * {@link VerdictLine} record, so the field names are the records' and stable for the driver and
 * other tools.
 */
public final class VerdictJson {
    public static final String FORMAT = "driftsentry-verdict/1";

    /** The file's shape: a format marker, the verdict's fields, its lines (the driver nests it in its ledger and its --json result). */
    public record Document(String format, String gate, String environment, String subject, String target, String judgedAt,
                           Outcome outcome, List<VerdictLine> lines) {
        public static Document of(Verdict v) {
            return new Document(FORMAT, v.gate(), v.environment(), v.subject(), v.target(), v.judgedAt().toString(), v.outcome(), v.lines());
        }

        Verdict verdict() {
            return new Verdict(gate, environment, subject, target, Instant.parse(judgedAt), List.copyOf(lines), outcome);
        }
    }

    private VerdictJson() {
    }

    public static String render(Verdict v) {
        try {
            return Json.PRETTY.writeValueAsString(Document.of(v)) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a verdict back (a load gate run in its own JVM writes one; the driver reads it). */
    public static Verdict read(Path file) {
        try {
            return Json.MAPPER.readValue(file.toFile(), Document.class).verdict();
        } catch (IOException e) {
            throw new ConfigError(file + ": not a verdict (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }
}
