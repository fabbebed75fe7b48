package com.driftsentry.reference;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The packaged jar run as its own process, the way operators and the driver run it. Its output is
 * kept in memory, never in a file: {@code seed} prints the keys it creates on stdout, by design,
 * and no key may reach a file under target/.
 */
final class ServiceProcess implements AutoCloseable {
    static final Path JAR = Path.of(System.getProperty("driftsentry.jar", "target/driftsentry-reference.jar"));

    final Process process;
    private final Output stdout;
    private final Output stderr;

    private ServiceProcess(Process process) {
        this.process = process;
        this.stdout = new Output(process.getInputStream());
        this.stderr = new Output(process.getErrorStream());
    }

    static ServiceProcess start(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        return new ServiceProcess(pb.start());
    }

    /** One output stream of the process, read as it comes so the process never blocks on a full pipe. */
    private final class Output {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread reader;

        Output(InputStream in) {
            reader = new Thread(() -> {
                try (in) {
                    in.transferTo(new OutputStream() {
                        @Override
                        public void write(int b) {
                            write(new byte[] {(byte) b}, 0, 1);
                        }

                        @Override
                        public void write(byte[] b, int off, int len) {
                            synchronized (bytes) {
                                bytes.write(b, off, len);
                            }
                        }
                    });
                } catch (IOException ended) {
                    // the process is gone: what was read is all there is
                }
            }, "service-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** Everything so far; once the process has exited, everything it wrote. */
        String text() {
            if (!process.isAlive()) {
                try {
                    reader.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
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
        return stdout.text();
    }

    String stderr() {
        return stderr.text();
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
