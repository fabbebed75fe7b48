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
final class LocalEngine implements GeneratorEngine {
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
                List<String> properties = GeneratorSwitches.properties(runId, i, count);
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

    @Override
    public Optional<String> gone(int i) {
        Process p = processes.get(i);
        return p.isAlive() ? Optional.empty() : Optional.of("exited with " + p.exitValue() + " (" + log(i) + ")");
    }

    private Path log(int i) {
        return dir.resolve("generator-" + i + ".log");
    }

    @Override
    public boolean awaitAll(Duration within) {
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

    /** SIGTERM, then SIGKILL after 10 s. */
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
