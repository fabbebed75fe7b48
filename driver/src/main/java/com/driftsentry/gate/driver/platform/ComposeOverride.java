package com.driftsentry.gate.driver.platform;

import com.driftsentry.gate.json.Json;
import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.environment.Environment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's own compose file, added after the environment's: the candidate's settings
 * ({@code --candidate-env}, so the fault switches work as on the embedded platform), the CORS
 * origin the smoke gate checks, and a read-only root filesystem where the environment asks for it.
 * It holds no secret (the password is a variable), is readable by its owner only, and is deleted
 * with the stack.
 */
final class ComposeOverride {
    private final Map<String, Object> backend = new LinkedHashMap<>();
    private final Path file;

    ComposeOverride(Environment env, boolean readOnlyRootFilesystem, Map<String, String> candidateSettings, Path workDir) {
        Map<String, String> environment = new LinkedHashMap<>();
        // The stack's own frontend, and the origin the smoke suite proves CORS with: this replaces the compose file's list.
        List<String> origins = new java.util.ArrayList<>(List.of("http://127.0.0.1:" + frontendPort(env)));
        env.smoke().allowedOrigin().ifPresent(origins::add);
        environment.put("DRIFTSENTRY_CORS_ORIGINS", String.join(",", origins));
        environment.putAll(candidateSettings);
        if (!environment.isEmpty()) {
            backend.put("environment", environment);
        }
        if (readOnlyRootFilesystem) {
            // The JVM's scratch files (hsperfdata, temporary files) need a writable /tmp; nothing else is written.
            backend.put("read_only", true);
            backend.put("tmpfs", List.of("/tmp"));
        }
        this.file = workDir.resolve("compose.run.yml");
    }

    /** The loopback port the backend is published on: the port of {@code target.baseUrl}, which must be http on 127.0.0.1 or localhost. */
    static int port(Environment env) {
        String url = env.target().baseUrl();
        URI uri = url == null ? null : URI.create(url);
        if (uri == null || !"http".equals(uri.getScheme()) || uri.getPort() < 1
                || !List.of("127.0.0.1", "localhost").contains(uri.getHost())) {
            throw ConfigError.at(env.file(), "target.baseUrl", "compose publishes the backend on loopback only; " + ConfigError.quote(String.valueOf(url))
                    + " is not http://127.0.0.1:<port> (fix: http://127.0.0.1:3002)");
        }
        return uri.getPort();
    }

    /** Where the stack publishes its dashboard: the port of gates.browser.dashboardUrl, else 3000 (the compose file's default). */
    static int frontendPort(Environment env) {
        return env.browser().flatMap(b -> b.dashboardUrl()).map(u -> URI.create(u).getPort()).filter(p -> p > 0).orElse(3000);
    }

    Path write() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", "2.4");
        doc.put("services", Map.of("backend", backend));
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, Json.YAML.writeValueAsString(doc));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("the run's compose file " + file + " could not be written", e);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the work folder is the run's own; a file left there holds no secret
        }
    }
}
