package com.driftsentry.gate.driver;

import com.driftsentry.gate.driver.gates.LoadGate;
import com.driftsentry.gate.driver.store.StageStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The load evidence a stage keeps in its store: every gate run's (under {@code evidence/}, named
 * by time and run, the history the nightly report reads) and the last promoted release's (the
 * baseline), so that a {@code maxRegression} bound compares each candidate with what serves without
 * any path in the environment file (which may still name one, or {@code -Dgate.baseline}, to override it).
 */
final class StageEvidence {
    static final String BASELINE = "baseline.json";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final StageStore store;

    StageEvidence(StageStore store) {
        this.store = store;
    }

    /** The stage's baseline, copied into the run's folder for the load gate; empty before the stage's first promotion. */
    Optional<Path> baselineInto(Path workDir) {
        return store.read(BASELINE).map(b -> {
            try {
                Path file = Files.createDirectories(workDir).resolve("stage-baseline.json");
                Files.write(file, b.body());
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException("the stage's baseline could not be copied into " + workDir + ": " + e.getMessage(), e);
            }
        });
    }

    /** After a promotion: the run's load evidence becomes the baseline, replaced whole. Where it went; empty when the run had no load gate. */
    Optional<String> keepAsBaseline(Path workDir) {
        return LoadGate.evidenceIn(workDir).map(e -> {
            store.put(BASELINE, read(e));
            return store.where(BASELINE);
        });
    }

    /** Every run's load evidence joins the stage's history (never rewritten: a new key per run). */
    Optional<String> record(Path workDir, String runId) {
        return LoadGate.evidenceIn(workDir).map(e -> {
            String key = "evidence/" + ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + "-" + runId + ".json";
            store.put(key, read(e));
            return store.where(key);
        });
    }

    private static byte[] read(Path evidence) {
        try {
            return Files.readAllBytes(evidence);
        } catch (IOException e) {
            throw new UncheckedIOException("the load evidence " + evidence + " could not be read: " + e.getMessage(), e);
        }
    }
}
