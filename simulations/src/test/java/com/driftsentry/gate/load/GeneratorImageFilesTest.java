package com.driftsentry.gate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.environment.EnvironmentLoader;
import com.driftsentry.gate.environment.SecretResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generator task loads its environment file inside the image, so the image must carry every file an environment file
 * names (the budget's templates, the contract's document). The files come from scripts/build-generator-image.sh itself,
 * the one list the image is built from; the image's own run (three generator containers, one merged PASS) is in docs/gates.md.
 */
class GeneratorImageFilesTest {

    @Test
    void everyEnvironmentLoadsFromTheFilesTheGeneratorImageCarries(@TempDir Path image) throws Exception {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        Process p = new ProcessBuilder("bash", repository.resolve("scripts/build-generator-image.sh").toString(), "--files", image.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the script copies files only");
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.exitValue(), out);
        Path environments = image.resolve("repository/environments");
        List<String> names;
        try (Stream<Path> files = Files.list(repository.resolve("environments"))) {
            names = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml") && !f.equals("compose.yaml"))
                    .map(f -> f.replace(".yaml", "")).sorted().toList();
        }
        assertTrue(names.containsAll(List.of("local", "production", "staging")), names.toString());
        for (String name : names) {
            // As in the task: from the image's folder, nothing resolved that the generator would fetch with its role.
            new EnvironmentLoader(environments, Map.of("gate.baseUrl", "http://127.0.0.1:9"), SecretResolver::unread).load(name);
        }
    }
}
