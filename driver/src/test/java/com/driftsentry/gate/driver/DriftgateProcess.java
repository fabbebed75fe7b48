package com.driftsentry.gate.driver;

import com.driftsentry.gate.testing.Fixture;
import com.driftsentry.gate.driver.ledger.Ledger;
import com.driftsentry.gate.store.FileStore;
import com.driftsentry.gate.store.StageStore;
import com.driftsentry.gate.environment.DeployConfig;
import com.driftsentry.gate.environment.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.awaitility.Awaitility;
import java.util.concurrent.TimeUnit;

/** driftgate as a pipeline runs it: its own JVM, arguments, environment variables; the exit code and everything it printed. */
final class DriftgateProcess {
    final int exitCode;
    final String output;

    private DriftgateProcess(int exitCode, String output) {
        this.exitCode = exitCode;
        this.output = output;
    }

    /** A working directory with {@code environments/drive.yaml}, the test environment (its ledger under the directory). */
    static Path stage(Path dir) throws IOException {
        Path envs = Files.createDirectories(dir.resolve("environments"));
        String spec = Path.of("../contract-tests/src/main/resources/openapi/driftsentry.yaml").toAbsolutePath().normalize().toString();
        String yaml;
        try (InputStream in = DriftgateProcess.class.getResourceAsStream("/driver-environments/drive.yaml")) {
            yaml = Fixture.edit(new String(in.readAllBytes()), "SPEC", spec);
        }
        Files.writeString(envs.resolve("drive.yaml"), yaml);
        Files.writeString(envs.resolve("local.yaml"), "name: local\ntarget: { baseUrl: embedded }\ngates: {}\n");
        return dir;
    }

    /**
     * The same environment with fewer gates, for tests about what happens around the gates (locks,
     * signals, crashes) rather than the gates themselves: no smoke and contract suites, and with
     * {@code keepLoad} false no load run either (the health and version gate always stays).
     */
    static void fewerGates(Path dir, boolean keepLoad) throws IOException {
        Path file = dir.resolve("environments/drive.yaml");
        StringBuilder kept = new StringBuilder();
        boolean inLoad = false;
        for (String line : Files.readAllLines(file)) {
            inLoad = line.startsWith("  load:") || (inLoad && line.startsWith("    "));
            if (line.startsWith("  smoke:") || line.startsWith("  contract:") || (inLoad && !keepLoad)) {
                continue;
            }
            kept.append(line).append('\n');
        }
        Files.writeString(file, kept.toString());
    }

    static DriftgateProcess run(Path workDir, Map<String, String> env, String... args) throws Exception {
        return run(workDir, List.of(), env, args);
    }

    /** driftgate with every AWS client pointed at moto's server ({@code GATE_AWS_ENDPOINT}, as an operator would point it at a peer). */
    static DriftgateProcess onMoto(com.driftsentry.gate.testing.MotoServer moto, Path workDir, String... args) throws Exception {
        return run(workDir, Map.of("GATE_AWS_ENDPOINT", moto.endpoint()), args);
    }

    /** {@code wrapper}: a command that runs the JVM (e.g. in a namespace of its own); its arguments follow. */
    static DriftgateProcess run(Path workDir, List<String> wrapper, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(wrapper);
        // C1 alone, as scripts/driftgate runs it.
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Driftgate.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("driftgate-" + args[0] + ".log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("DRIFTSENTRY_") || k.equals("GITHUB_STEP_SUMMARY"));
        // The AWS SDK's credential chain: S3Mock and the stand-ins take any; no test child ever reaches AWS itself.
        pb.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "AKIDSTANDIN", "AWS_SECRET_ACCESS_KEY", "standin-secret"));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("driftgate " + String.join(" ", args) + " did not end within 300 s");
        }
        return new DriftgateProcess(p.exitValue(), Files.readString(workDir.resolve("driftgate-" + args[0] + ".log")));
    }

    /**
     * The driftgate JVM running {@code command} in {@code workDir} (as a test started it), read from
     * /proc: its full command line (what the JDK reports may be cut short) and its working folder.
     */
    static Optional<ProcessHandle> running(Path workDir, String command) {
        return ProcessHandle.allProcesses().filter(p -> {
            try {
                String cmdline = new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")));
                return cmdline.contains(Driftgate.class.getName() + "\0" + command + "\0")
                        && Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd")).equals(workDir.toRealPath());
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }).findFirst();
    }

    /**
     * Does {@code action} to a command started in {@code workDir} once its log shows {@code marker}
     * and {@code ready} agrees: how the tests hit a run at a given step. Bounded to 240 s; a step
     * never reached, or an action that throws, completes the future exceptionally.
     */
    static <T> CompletableFuture<T> onceLogged(Path workDir, String command, String marker, Callable<Boolean> ready, Callable<T> action) {
        return CompletableFuture.supplyAsync(() -> {
            Path log = workDir.resolve("driftgate-" + command + ".log");
            try {
                Awaitility.await("the " + command + " to log " + marker).atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(200))
                        .until(() -> Files.exists(log) && Files.readString(log).contains(marker) && ready.call());
                return action.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    /** Whether a load gate under {@code workDir} has started its load: its generator's log names the run and its target. */
    static boolean loading(Path workDir) {
        try (java.util.stream.Stream<Path> files = Files.walk(workDir)) {
            for (Path log : files.filter(f -> f.getFileName().toString().equals("gatling.log")).toList()) {
                if (Files.readString(log).contains("driftgate load: ")) {
                    return true;
                }
            }
            return false;
        } catch (IOException | java.io.UncheckedIOException e) {
            return false; // a file of the run came or went while it was read: not yet
        }
    }

    /** The ledger of the test environment's default store (a folder under {@code workDir}). */
    static List<JsonNode> ledger(Path workDir) {
        return ledger(new FileStore(workDir.resolve("target/state/drive")));
    }

    static List<JsonNode> ledger(StageStore store) {
        return new Ledger(store, new Masker()).entries();
    }

    /** The test environment's state moves to {@code state} (another kind of store, or one shared by several checkouts). */
    static void useStore(Path dir, DeployConfig.State state) throws IOException {
        Path file = dir.resolve("environments/drive.yaml");
        Files.writeString(file, Fixture.edit(Files.readString(file), "state: { type: file, path: target/state/drive }", Stores.yaml(state)));
    }
}
