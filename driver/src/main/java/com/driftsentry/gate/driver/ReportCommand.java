package com.driftsentry.gate.driver;

import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.environment.Metric;
import com.driftsentry.gate.environment.Threshold;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.evidence.EvidenceFile;
import com.driftsentry.gate.history.Change;
import com.driftsentry.gate.history.ChangeRule;
import com.driftsentry.gate.history.PromotedBaseline;
import com.driftsentry.gate.history.TrendReport;
import com.driftsentry.gate.store.StageStore;
import com.driftsentry.gate.verdict.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Render the stage's performance history (the load evidence of every gate run): trends, detected changes (docs/gates.md), "
                + "an HTML page, a Markdown summary and changes.json; Slack hears of a change.")
final class ReportCommand extends CommandSupport {

    @Option(names = "--history", paramLabel = "FOLDER", description = "read the evidence files in FOLDER instead of the stage store's history")
    Path history;

    @Option(names = "--baseline", paramLabel = "FILE", description = "mark this evidence file as the baseline instead of the stage's promoted one "
            + "(the store's baseline.json, what a maxRegression bound compares with)")
    Path baseline;

    @Option(names = "--out", required = true, paramLabel = "FOLDER", description = "where report.html, summary.md and changes.json go")
    Path outDir;

    /** The baseline's bytes, read before the runs; the run whose evidence has the same bytes is the promoted one. */
    private byte[] baselineBytes;
    private String baselineRun;

    @Override
    int execute() {
        Optional<byte[]> promoted = promotedBytes();
        baselineBytes = promoted.orElse(null);
        List<ChangeRule.Run> runs = history == null ? fromStore() : fromFolder();
        if (runs.isEmpty()) {
            throw new ConfigError((history == null ? "the stage store " + store.where("evidence/") : "--history: " + history)
                    + " holds no load evidence yet (fix: run the load gate on " + env.name() + " first, or name a folder of evidence.json files)");
        }
        List<Change> changes;
        try {
            changes = TrendReport.write(env.name(), runs, outDir, p99Bounds(), promoted.flatMap(this::promoted).orElse(null));
        } catch (IOException e) {
            throw new ConfigError("--out: " + ConfigError.quote(outDir.toString()) + " cannot be written (" + e.getClass().getSimpleName()
                    + ") (fix: a folder this user may write)");
        }
        String summary;
        try {
            summary = Files.readString(outDir.resolve("summary.md"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        tell("driftgate report on " + env.name() + ": " + (changes.isEmpty() ? "no change" : changes.size() + " change(s)"), summary, !changes.isEmpty());
        out.println(summary);
        out.println("report: " + outDir.resolve("report.html").toAbsolutePath());
        return ExitCode.PASSED.code();
    }

    /** Each scope's p99 bound in the environment (ms), drawn on its latency chart. */
    private Map<String, Double> p99Bounds() {
        Map<String, Double> bounds = new TreeMap<>();
        env.load().ifPresent(load -> load.thresholds().stream()
                .filter(t -> t.metric() == Metric.P99 && t.bound() == Threshold.Bound.MAX)
                .forEach(t -> bounds.merge(t.scope(), t.value(), Math::min)));
        return bounds;
    }

    /** The baseline's bytes: {@code --baseline}'s, else the stage's promoted evidence, if it has one. */
    private Optional<byte[]> promotedBytes() {
        if (baseline == null) {
            return store.read(StageEvidence.BASELINE).map(StageStore.Stored::body);
        }
        try {
            return Optional.of(Files.readAllBytes(baseline));
        } catch (IOException e) {
            throw new ConfigError("--baseline: " + ConfigError.quote(baseline.toString()) + " cannot be read (" + e.getClass().getSimpleName()
                    + ") (fix: an evidence.json file, or leave it out to mark the stage's promoted baseline)");
        }
    }

    /**
     * The baseline as the page marks it, named by the run whose evidence it is (promotion keeps the run's evidence file
     * byte for byte). The stage's own copy damaged: the nightly page still renders, marks the runs' median and says why.
     */
    private Optional<PromotedBaseline> promoted(byte[] bytes) {
        String where = baseline == null ? store.where(StageEvidence.BASELINE) : baseline.toString();
        Evidence evidence;
        try {
            evidence = EvidenceFile.read(bytes, where);
        } catch (ConfigError e) {
            if (baseline != null) {
                throw new ConfigError("--baseline: " + e.getMessage() + " (fix: an evidence.json file a load gate wrote)");
            }
            err.println("warning: the stage's promoted baseline is not marked: " + e.getMessage());
            return Optional.empty();
        }
        return Optional.of(new PromotedBaseline(evidence, baselineRun));
    }

    private List<ChangeRule.Run> fromStore() {
        List<ChangeRule.Run> runs = new ArrayList<>();
        for (String key : store.list("evidence/")) {
            String name = key.substring("evidence/".length());
            StageEvidence.RunNote run = new StageEvidence(store).note(name);
            store.read(key).ifPresent(s -> runs.add(new ChangeRule.Run(runId(name, s.body()), EvidenceFile.read(s.body(), store.where(key)),
                    run.verdict(), run.reports(), run.knee(), run.release())));
        }
        return runs;
    }

    /** The run's id (its file name without .json); the baseline's run when its evidence has the baseline's bytes (the last such). */
    private String runId(String fileName, byte[] body) {
        String id = fileName.replaceFirst("\\.json$", "");
        if (Arrays.equals(body, baselineBytes)) {
            baselineRun = id;
        }
        return id;
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigError("--history: " + ConfigError.quote(file.toString()) + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private List<ChangeRule.Run> fromFolder() {
        if (!Files.isDirectory(history)) {
            throw new ConfigError("--history: " + ConfigError.quote(history.toString()) + " is not a folder (fix: a folder of evidence .json files, oldest first by name)");
        }
        try (Stream<Path> files = Files.list(history)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted()
                    .map(f -> {
                        byte[] body = bytes(f);
                        return new ChangeRule.Run(runId(f.getFileName().toString(), body), EvidenceFile.read(body, f.toString()));
                    }).toList();
        } catch (IOException e) {
            throw new ConfigError("--history: " + ConfigError.quote(history.toString()) + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }
}
