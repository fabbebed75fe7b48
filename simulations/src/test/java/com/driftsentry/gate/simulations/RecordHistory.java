package com.driftsentry.gate.simulations;

import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.evidence.EvidenceFile;
import com.driftsentry.gate.evidence.GroupEvidence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records a history of short load-gate runs on this machine (the regression rule's real noise,
 * docs/gates.md): {@code RecordHistory <out folder> <runs> [KEY=VALUE …]} runs the e2e gate's load
 * (ApiMixSimulation, 50/s for 8 s, a fresh embedded service per run, as a nightly run meets a fresh
 * deploy; environment history.yaml: no bound one response decides, so injected errors do not stop a run) {@code runs} times with the given reference-service settings (faults) and copies each
 * run's evidence to {@code <out>/run-NN.json}. Prints one line per run. Not a test: a recording.
 */
public final class RecordHistory {
    private RecordHistory() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args[0]));
        int runs = Integer.parseInt(args[1]);
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            env.put(kv[0], kv[1]);
        }
        for (int r = 1; r <= runs; r++) {
            GatlingProcess run = GatlingProcess.run("ApiMixSimulation", Map.of("env", "history",
                    "gate.environments", Path.of("src/test/resources/history-environments").toAbsolutePath().toString()), env);
            Path evidence = run.gateDir == null ? null : run.gateDir.resolve("evidence.json");
            if (evidence == null || !Files.isRegularFile(evidence)) {
                System.out.println("run " + r + ": no evidence (exit " + run.exitCode + ")");
                continue;
            }
            Path kept = out.resolve(String.format("run-%02d.json", r));
            Files.copy(evidence, kept);
            Evidence e = EvidenceFile.read(kept);
            GroupEvidence drifts = e.scope("drifts");
            System.out.printf("run %2d: exit %d, %d requests, drifts p50 %d p95 %d p99 %d ms, mean %.2f ms, %d unexpected, wall %d ms%n", r, run.exitCode,
                    e.global().requests(), drifts.histogram().getValueAtPercentile(50), drifts.histogram().getValueAtPercentile(95),
                    drifts.histogram().getValueAtPercentile(99), drifts.histogram().getMean(), e.global().unexpected(), run.wallMillis);
        }
    }
}
