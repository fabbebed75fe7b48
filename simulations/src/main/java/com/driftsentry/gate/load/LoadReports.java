package com.driftsentry.gate.load;

import com.driftsentry.gate.environment.Masker;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.evidence.EvidenceFile;
import com.driftsentry.gate.report.ConsoleTable;
import com.driftsentry.gate.report.Reports;
import com.driftsentry.gate.verdict.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a load run's results go: the evidence and the verdict files in the run's folder, a copy of
 * the verdict next to Gatling's HTML report, and the table on the console. A report that cannot
 * be written is said on stderr; it never changes the verdict.
 */
final class LoadReports {
    private LoadReports() {
    }

    /** {@code besideGatlingReport}: false when the run was refused before Gatling started (its newest folder is an older run's). */
    static void write(LoadPlan plan, Evidence evidence, Verdict verdict, boolean besideGatlingReport) {
        Masker masker = plan.environment().masker();
        try {
            EvidenceFile.write(evidence, plan.output().resolve("evidence.json"));
            Reports.write(verdict, plan.output(), masker);
            Optional<Path> gatling = besideGatlingReport ? gatlingRunDirectory(plan.simulation()) : Optional.empty();
            if (gatling.isPresent()) {
                Reports.write(verdict, gatling.get(), masker);
            }
        } catch (IOException e) {
            System.err.println("driftgate load: could not write the reports to " + plan.output() + ": " + e.getMessage());
        }
        System.out.println(masker.mask(ConsoleTable.render(verdict)));
        System.out.println("driftgate load: evidence and reports in " + plan.output().toAbsolutePath());
    }

    /** The newest Gatling run folder of this simulation, where its HTML report is being written. */
    private static Optional<Path> gatlingRunDirectory(String simulation) {
        Path results = Path.of(System.getProperty("gate.output", "target"), "gatling");
        try (Stream<Path> dirs = Files.list(results)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith(simulation.toLowerCase() + "-"))
                    .max(Comparator.comparing(d -> d.getFileName().toString()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
