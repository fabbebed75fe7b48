package com.driftsentry.gate.history;

import com.driftsentry.gate.evidence.EvidenceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The histories recorded on this machine (src/test/resources/histories, see docs/gates.md): "aa",
 * 40 runs of one healthy build; "latency-step" and "error-step", runs of the same build with a
 * fault on, which the tests splice after the first {@link #STEP_AT} A/A runs.
 */
final class Histories {
    static final int STEP_AT = 20;

    private Histories() {
    }

    static List<ChangeRule.Run> load(String name) {
        try {
            java.net.URI uri = Histories.class.getResource("/histories/" + name).toURI();
            // From gate-core's test jar (the browser gate's test reads them too) the folder is inside a zip.
            try (java.nio.file.FileSystem zip = uri.getScheme().equals("jar") ? java.nio.file.FileSystems.newFileSystem(uri, java.util.Map.of()) : null;
                 Stream<Path> files = Files.list(Path.of(uri))) {
                return files.filter(f -> f.toString().endsWith(".json")).sorted()
                        .map(f -> new ChangeRule.Run(name + "/" + f.getFileName(), EvidenceFile.read(f))).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first {@link #STEP_AT} A/A runs, then the step's runs: a history whose change starts at run index STEP_AT. */
    static List<ChangeRule.Run> stepped(String step) {
        List<ChangeRule.Run> runs = new ArrayList<>(load("aa").subList(0, STEP_AT));
        runs.addAll(load(step));
        return runs;
    }
}
