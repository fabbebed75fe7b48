package com.driftsentry.reference;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The packaged jar run as its own process, the way operators and the driver run it. */
final class ServiceProcess implements AutoCloseable {
    static final Path JAR = Path.of(System.getProperty("driftsentry.jar", "target/driftsentry-reference.jar"));

    final Process process;
    final Path dir;

    private ServiceProcess(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    static ServiceProcess start(Map<String, String> env, String... args) throws IOException {
        Path dir = Files.createTempDirectory(Path.of("target"), "process-");
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .redirectError(dir.resolve("stderr.log").toFile());
        pb.environment().putAll(env);
        return new ServiceProcess(pb.start(), dir);
    }

    /** Waits for the keys file the service writes once it serves, and returns it. */
    JsonNode awaitKeys(Path keys) {
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(keys) || !process.isAlive());
        if (!process.isAlive()) {
            throw new IllegalStateException("service exited " + process.exitValue() + ": " + stderr());
        }
        try {
            return new ObjectMapper().readTree(keys.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String stdout() {
        return read("stdout.log");
    }

    String stderr() {
        return read("stderr.log");
    }

    private String read(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            return "";
        }
    }

    /** Every PostgreSQL and Redis server process on the machine right now. */
    static Set<Long> storeProcesses() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/bin/postgres") || c.contains("redis-server")).orElse(false))
                .map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
