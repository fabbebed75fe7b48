package com.driftsentry.gate.driver;

import com.driftsentry.gate.load.ServedRelease;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import com.driftsentry.gate.json.Json;
import com.driftsentry.gate.driver.gates.LoadGate;
import com.driftsentry.gate.store.StageStore;
import com.driftsentry.gate.criteria.Knee;
import com.driftsentry.gate.report.VerdictJson;
import com.driftsentry.gate.verdict.Verdict;
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

    /**
     * A run's load evidence joins the stage's history (never rewritten: a new key per run), and
     * beside it under {@code runs/} what the report's table shows of it: the load gate's outcome and,
     * in GitHub Actions, the workflow run whose artifacts hold its Gatling report and verdict.
     */
    Optional<String> record(Path workDir, String runId) {
        return LoadGate.evidenceIn(workDir).map(e -> recordFile(e, runId));
    }

    /**
     * One load run's evidence file into the history (a soak or stress run's too, which the report
     * charts apart from the gated runs); a stress run's record also keeps its knee.
     */
    String recordFile(Path evidence, String runId) {
        String name = ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + "-" + runId + ".json";
        store.put("evidence/" + name, read(evidence));
        Optional<Verdict> verdict = verdictBeside(evidence);
        RunNote run = new RunNote(verdict.map(v -> v.outcome().name()).orElse(null), actionsRun().orElse(null),
                verdict.flatMap(Knee::rateIn).orElse(null), verdict.flatMap(ServedRelease::of).orElse(null));
        store.put("runs/" + name, Json.write(run).getBytes(StandardCharsets.UTF_8));
        return store.where("evidence/" + name);
    }

    /**
     * What the nightly report's table shows of a run kept in the history, beside its evidence under {@code runs/}: the load
     * gate's outcome, the workflow run whose artifacts hold its reports, a stress run's knee (users/s) and the release the
     * target served (its readiness answer's version).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RunNote(String verdict, String reports, Double knee, String release) {
        static final RunNote UNKNOWN = new RunNote(null, null, null, null);
    }

    /** The note kept beside {@code evidence/<name>}; a missing or unreadable one is {@link RunNote#UNKNOWN} (a table cell, not a failure). */
    RunNote note(String name) {
        return store.read("runs/" + name).map(r -> {
            try {
                return Json.MAPPER.readValue(r.body(), RunNote.class);
            } catch (IOException e) {
                return RunNote.UNKNOWN;
            }
        }).orElse(RunNote.UNKNOWN);
    }

    /** The load gate's verdict, or empty when it cannot be read (the run's record must not fail for a table cell). */
    private static Optional<Verdict> verdictBeside(Path evidence) {
        Path verdict = evidence.resolveSibling("verdict.json");
        try {
            return Files.isRegularFile(verdict) ? Optional.of(VerdictJson.read(verdict)) : Optional.empty();
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** The GitHub Actions run this command is part of, from the variables Actions sets. */
    private static Optional<String> actionsRun() {
        String server = System.getenv("GITHUB_SERVER_URL");
        String repository = System.getenv("GITHUB_REPOSITORY");
        String id = System.getenv("GITHUB_RUN_ID");
        return server == null || repository == null || id == null ? Optional.empty()
                : Optional.of(server + "/" + repository + "/actions/runs/" + id);
    }

    private static byte[] read(Path evidence) {
        try {
            return Files.readAllBytes(evidence);
        } catch (IOException e) {
            throw new UncheckedIOException("the load evidence " + evidence + " could not be read: " + e.getMessage(), e);
        }
    }
}
