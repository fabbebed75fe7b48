package com.driftsentry.gate.simulations;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A load run killed outright (SIGKILL, no hooks) still leaves no reference service, PostgreSQL or Redis behind. */
class CrashCleanupTest {

    static Set<Long> servers() {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains("ReferenceServiceCommand")
                        || c.contains("/bin/postgres") || c.contains("redis-server")).orElse(false))
                .map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    @Test
    void killingTheLoadGeneratorStopsTheEmbeddedTarget() throws Exception {
        Set<Long> before = servers();
        Path work = Files.createTempDirectory(Path.of("target"), "crash-");
        Process gatling = GatlingProcess.start("ApiMixSimulation", Map.of("gate.hold", "120s"), Map.of(), work);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.readString(work.resolve("output.log")).contains("Simulation com.driftsentry") && System.nanoTime() < deadline) {
            assertTrue(gatling.isAlive(), Files.readString(work.resolve("output.log")));
            Thread.sleep(200);
        }
        Set<Long> started = servers();
        started.removeAll(before);
        assertTrue(started.size() >= 3, "service, postgres and redis were running: " + started);

        gatling.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (started.stream().anyMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) && System.nanoTime() < until) {
            Thread.sleep(250);
        }
        assertFalse(started.stream().anyMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)),
                "left behind: " + started.stream().filter(pid -> ProcessHandle.of(pid).isPresent()).toList());
    }
}
