package com.driftsentry.gate.report;

import com.driftsentry.gate.environment.Masker;
import com.driftsentry.gate.verdict.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes a verdict for machines ({@code verdict.json}), for a CI job summary ({@code verdict.md})
 * and for CI test tabs ({@code verdict-junit.xml}). Every byte passes through the masker first.
 */
public final class Reports {
    private Reports() {
    }

    public static List<Path> write(Verdict verdict, Path directory, Masker masker) throws IOException {
        Files.createDirectories(directory);
        Path json = directory.resolve("verdict.json");
        Path md = directory.resolve("verdict.md");
        Path xml = directory.resolve("verdict-junit.xml");
        Files.writeString(md, masker.mask(VerdictMarkdown.render(verdict)));
        Files.writeString(xml, masker.mask(JUnitXml.render(verdict)));
        // Last, and whole or not at all: a reader that sees verdict.json (the deploy's load gate, while Gatling still
        // writes its report) finds the other files written too.
        Path partial = directory.resolve("verdict.json.partial");
        Files.writeString(partial, masker.mask(VerdictJson.render(verdict)));
        Files.move(partial, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return List.of(json, md, xml);
    }
}
