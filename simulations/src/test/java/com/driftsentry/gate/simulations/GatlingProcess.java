package com.driftsentry.gate.simulations;

import com.driftsentry.gate.load.PinnedGatlingPreferences;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A real Gatling run in its own JVM (Gatling's main ends with System.exit), from the test classpath. */
final class GatlingProcess {
    final int exitCode;
    final String output;
    final Path gateDir;
    final long wallMillis;

    private GatlingProcess(int exitCode, String output, Path gateDir, long wallMillis) {
        this.exitCode = exitCode;
        this.output = output;
        this.gateDir = gateDir;
        this.wallMillis = wallMillis;
    }

    static GatlingProcess run(String simulation, Map<String, String> properties, Map<String, String> env) throws Exception {
        Path work = Files.createTempDirectory(Path.of("target"), "e2e-");
        Process p = start(simulation, properties, env, work);
        long started = System.nanoTime();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("Gatling did not finish in 180 s; see " + work.resolve("output.log"));
        }
        long wall = (System.nanoTime() - started) / 1_000_000;
        return finished(p, work, wall);
    }

    /** A run started with {@link #start} that has ended. */
    static GatlingProcess finished(Process p, Path work) throws IOException {
        return finished(p, work, 0);
    }

    private static GatlingProcess finished(Process p, Path work, long wall) throws IOException {
        Path gate = null;
        try (Stream<Path> dirs = Files.list(work.resolve("gate"))) {
            gate = dirs.filter(Files::isDirectory).findFirst().orElse(null);
        } catch (IOException ignored) {
            // no gate output: the assertions on it will say so
        }
        return new GatlingProcess(p.exitValue(), Files.readString(work.resolve("output.log")), gate, wall);
    }

    /** Starts Gatling without waiting; the output goes to {@code work/output.log}. */
    static Process start(String simulation, Map<String, String> properties, Map<String, String> env, Path work) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "--add-opens=java.base/java.lang=ALL-UNNAMED", PinnedGatlingPreferences.JVM_OPTION,
                "-Denv=e2e", "-Dgate.environments=" + Path.of("src/test/resources/e2e-environments").toAbsolutePath(),
                "-Dgate.output=" + work.toAbsolutePath()));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.gatling.app.Gatling",
                "-s", "com.driftsentry.gate.simulations." + simulation, "-rf", work.resolve("gatling").toAbsolutePath().toString(), "-nr"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("output.log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("DRIFTSENTRY_"));
        pb.environment().putAll(env);
        return pb.start();
    }

    JsonNode verdict() throws IOException {
        if (gateDir == null) {
            throw new IllegalStateException("no verdict written; output:\n" + output);
        }
        return new ObjectMapper().readTree(gateDir.resolve("verdict.json").toFile());
    }

    /** The verdict line whose criterion starts with this text. */
    JsonNode line(String criterion) throws IOException {
        for (JsonNode l : verdict().get("lines")) {
            if (l.get("criterion").asText().startsWith(criterion)) {
                return l;
            }
        }
        throw new AssertionError("no verdict line '" + criterion + "' in " + verdict());
    }
}
