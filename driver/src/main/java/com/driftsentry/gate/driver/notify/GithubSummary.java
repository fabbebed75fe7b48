package com.driftsentry.gate.driver.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The GitHub Actions job summary: the file named by {@code $GITHUB_STEP_SUMMARY}, appended to. */
public final class GithubSummary implements Notifier {
    private final Path file;

    public GithubSummary(Path file) {
        this.file = file;
    }

    @Override
    public String send(String title, String markdown) {
        try {
            Files.writeString(file, "## " + title + "\n\n" + markdown + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            return "wrote the verdict to the job summary";
        } catch (IOException e) {
            return "could not write the job summary " + file + ": " + e.getMessage();
        }
    }
}
