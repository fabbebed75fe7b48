package com.driftsentry.gate.driver;

import com.driftsentry.gate.driver.gates.LoadGate;
import com.driftsentry.gate.driver.ledger.Ledger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The stage's baseline: the load evidence of its last promoted release, kept beside the ledger, so
 * that a {@code maxRegression} bound compares each candidate with what serves without any path in
 * the environment file (which may still name one, or {@code -Dgate.baseline}, to override it).
 */
final class Baselines {
    private Baselines() {
    }

    static Path of(Ledger ledger) {
        return ledger.file().resolveSibling(ledger.file().getFileName() + ".baseline.json");
    }

    /** After a promotion: the run's load evidence becomes the baseline, replaced whole (never half a file). Empty when the run had no load gate. */
    static Optional<Path> keep(Path workDir, Path baseline) {
        Optional<Path> evidence = LoadGate.evidenceIn(workDir);
        evidence.ifPresent(e -> {
            try {
                Path tmp = baseline.resolveSibling(baseline.getFileName() + ".tmp");
                Files.createDirectories(baseline.toAbsolutePath().getParent());
                Files.copy(e, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, baseline, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException io) {
                throw new UncheckedIOException("the stage's baseline " + baseline + " could not be written: " + io.getMessage(), io);
            }
        });
        return evidence;
    }
}
