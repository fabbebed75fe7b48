package com.driftsentry.gate.driver;

import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.evidence.EvidenceFile;
import com.driftsentry.gate.verdict.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "record", mixinStandardHelpOptions = true,
        description = "Add load runs made outside driftgate (the nightly soak and stress, mvn gatling:test) to the stage's history, "
                + "which `report` charts: each RUN is a run's folder under simulations/target/gate/ (or its evidence.json). Changes nothing on the stage.")
final class RecordCommand extends CommandSupport {
    @Parameters(arity = "1..*", paramLabel = "RUN", description = "a load run's folder (evidence.json, verdict.json) or its evidence.json")
    List<Path> runs;

    @Override
    int execute() {
        // Every run is checked before the first is stored: a bad argument leaves the history as it was.
        List<Path> files = new ArrayList<>();
        for (Path run : runs) {
            Path file = Files.isDirectory(run) ? run.resolve("evidence.json") : run;
            if (!Files.isRegularFile(file)) {
                throw new ConfigError("RUN: " + ConfigError.quote(run.toString()) + " holds no evidence.json"
                        + " (fix: a load run's folder, e.g. simulations/target/gate/soaksimulation-20261202-021700)");
            }
            Evidence evidence = EvidenceFile.read(file);
            if (!env.name().equals(evidence.environment())) {
                throw new ConfigError("RUN: " + file + " is evidence of " + ConfigError.quote(evidence.environment()) + ", not of "
                        + env.name() + " (fix: --env " + evidence.environment() + ", or the run made against " + env.name() + ")");
            }
            files.add(file);
        }
        StageEvidence history = new StageEvidence(store);
        for (int i = 0; i < files.size(); i++) {
            out.println("kept in the stage's history: " + history.recordFile(files.get(i), runId + (files.size() > 1 ? "-" + (i + 1) : "")));
        }
        return ExitCode.PASSED.code();
    }
}
