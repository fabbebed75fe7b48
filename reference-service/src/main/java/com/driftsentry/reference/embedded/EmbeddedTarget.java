package com.driftsentry.reference.embedded;

import com.driftsentry.reference.http.Json;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The embedded default: the reference service started from this JVM's classpath as a process of
 * its own (embedded PostgreSQL and Redis, seeded), so that the load generator and the system under
 * test do not share a heap. It stops when closed, and on its own if this JVM dies first.
 */
public final class EmbeddedTarget implements AutoCloseable {
    private static final String MAIN = "com.driftsentry.reference.ReferenceServiceCommand";
    // Embedded PostgreSQL's initdb plus seeding takes 10-40 s on a cold CI machine; a loaded runner needs the rest.
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    // A tenant, two keys and a URL: a few hundred bytes. Anything larger is not what the service wrote.
    private static final long MAX_KEYS_BYTES = 64 * 1024;

    private final Process process;
    private final String baseUrl;
    private final String dashboardUrl;
    private final String adminKey;
    private final String readerKey;
    private final String tenantId;

    private volatile boolean stopping;
    private volatile Exit exit;

    private EmbeddedTarget(Process process, String baseUrl, String dashboardUrl, String adminKey, String readerKey, String tenantId) {
        this.process = process;
        process.onExit().thenAccept(p -> {
            if (!stopping) {
                exit = new Exit(p.exitValue(), Instant.now());
            }
        });
        this.tenantId = tenantId;
        this.baseUrl = baseUrl;
        this.dashboardUrl = dashboardUrl;
        this.adminKey = adminKey;
        this.readerKey = readerKey;
    }

    /** Starts the service with {@code seed} drifts; {@code env} adds settings such as DRIFTSENTRY_FAULT_* switches. */
    public static EmbeddedTarget start(int seed, Map<String, String> env, Path workDir) {
        return start(seed, env, workDir, List.of());
    }

    /** As {@link #start(int, Map, Path)}, the service's JVM given {@code jvmOptions} too. */
    public static EmbeddedTarget start(int seed, Map<String, String> env, Path workDir, List<String> jvmOptions) {
        try {
            Files.createDirectories(workDir);
            Path keys = workDir.resolve("embedded-keys.json");
            Files.deleteIfExists(keys);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN,
                    "--embedded", "--port", "0", "--dashboard-port", "0", "--seed", Integer.toString(seed), "--keys-out", keys.toString(),
                    "--exit-with", Long.toString(ProcessHandle.current().pid())));
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("embedded-service.log").toFile());
            pb.environment().putAll(env);
            // The access log of every request would cost the service more than the requests do.
            pb.environment().putIfAbsent("DRIFTSENTRY_ACCESS_LOG_LEVEL", "WARN");
            Process process = pb.start();
            try {
                await("the embedded reference service to publish its keys").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100))
                        .until(() -> !process.isAlive() || Files.exists(keys));
            } catch (ConditionTimeoutException e) {
                process.destroyForcibly();
                throw new IllegalStateException("the embedded reference service did not start within " + START_TIMEOUT.toSeconds() + " s; see "
                        + workDir.resolve("embedded-service.log"));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the embedded reference service exited with " + process.exitValue()
                        + "; see " + workDir.resolve("embedded-service.log"));
            }
            if (Files.size(keys) > MAX_KEYS_BYTES) {
                process.destroyForcibly();
                throw new IllegalStateException(keys + " is " + Files.size(keys) + " bytes, not a keys file (at most " + MAX_KEYS_BYTES + ")");
            }
            JsonNode k = Json.mapper().readTree(keys.toFile());
            Files.delete(keys);
            return new EmbeddedTarget(process, k.get("baseUrl").asText(), k.get("dashboardUrl").asText(), k.get("adminKey").asText(),
                    k.get("readerKey").asText(), k.get("tenantId").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The dashboard the embedded default serves beside the API (its origin on the API's CORS allow-list). */
    public String dashboardUrl() {
        return dashboardUrl;
    }

    public String adminKey() {
        return adminKey;
    }

    public String readerKey() {
        return readerKey;
    }

    /** The seeded tenant the keys belong to. */
    public String tenantId() {
        return tenantId;
    }

    /** False once the service exited (a crash, or a fault switch that makes it exit). */
    public boolean alive() {
        return process.isAlive();
    }

    /** How the service ended, if it ended on its own (not stopped by {@link #close()}): its exit code and when. */
    public Optional<Exit> exit() {
        return Optional.ofNullable(exit);
    }

    /** The service's own exit: a crash, or a fault switch that makes it exit. */
    public record Exit(int code, Instant at) {
    }

    /**
     * Asks the service to stop (its own graceful stop: drain, then PostgreSQL and Redis) and returns at once: the caller
     * goes on with its own work meanwhile (Gatling writes its report), and {@link #close()} waits for the end.
     */
    public void beginStop() {
        stopping = true;
        process.destroy();
    }

    @Override
    public void close() {
        beginStop();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
