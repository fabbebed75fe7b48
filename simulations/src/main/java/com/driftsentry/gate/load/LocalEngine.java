package com.driftsentry.gate.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code local} engine: a scaled-out run's generators as JVMs on this machine (the tests, a large single box), each a
 * Gatling run of the same simulation ({@link GatlingJvm}) told its index, the run id and where the target is. Every generator is stopped when the coordinator ends, however it ends.
 */
final class LocalEngine implements AutoCloseable {
    /** Settings the coordinator gives each generator itself; the other -Dgate.* switches pass through as given. */
    private static final List<String> OWN = List.of("gate.baseUrl", "gate.apiKey", "gate.output", "gate.generators", "gate.generator.index",
            "gate.generator.count", "gate.run", "gate.environments", "gate.generators.readyWithin");

    private final List<Process> processes = new ArrayList<>();
    private final Path dir;

    private LocalEngine(Path dir) {
        this.dir = dir;
    }

    static LocalEngine start(LoadPlan plan, String runId, LoadTarget target, int count) {
        LocalEngine engine = new LocalEngine(plan.output().resolve("generators"));
        Runtime.getRuntime().addShutdownHook(new Thread(engine::close, "generators-stop"));
        try {
            Files.createDirectories(engine.dir);
            for (int i = 0; i < count; i++) {
                Path own = engine.dir.resolve("generator-" + i).toAbsolutePath();
                List<String> properties = new ArrayList<>(List.of("gate.generator.index=" + i, "gate.generator.count=" + count, "gate.run=" + runId));
                for (Map.Entry<Object, Object> p : System.getProperties().entrySet()) {
                    String name = p.getKey().toString();
                    if (name.startsWith("gate.") && !OWN.contains(name)) {
                        properties.add(name + "=" + p.getValue());
                    }
                }
                ProcessBuilder pb = GatlingJvm.of(plan.environment().name(), plan.simulation(), target.baseUrl(), target.adminKey(), own, properties)
                        .redirectOutput(engine.log(i).toFile());
                engine.processes.add(pb.start());
            }
        } catch (IOException e) {
            engine.close();
            throw new UncheckedIOException("the generators could not start: " + e.getMessage(), e);
        }
        return engine;
    }

    /** Generator i's exit code, once it has exited. */
    Optional<Integer> exited(int i) {
        Process p = processes.get(i);
        return p.isAlive() ? Optional.empty() : Optional.of(p.exitValue());
    }

    Path log(int i) {
        return dir.resolve("generator-" + i + ".log");
    }

    /** Waits for every generator to end on its own, at most {@code within}; false if one has not. */
    boolean awaitAll(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        try {
            for (Process p : processes) {
                if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops every generator still running: SIGTERM, then SIGKILL after 10 s. */
    @Override
    public void close() {
        processes.forEach(Process::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Process p : processes) {
            try {
                if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
