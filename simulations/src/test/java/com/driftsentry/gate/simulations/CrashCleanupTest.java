package com.driftsentry.gate.simulations;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.waiting.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
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
        try {
            Waits.await("the simulation to start").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .failFast("the load run exited", () -> !gatling.isAlive())
                    .until(() -> Files.readString(work.resolve("output.log")).contains("Simulation com.driftsentry"));
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new AssertionError(e.getMessage() + ": " + Files.readString(work.resolve("output.log")));
        }
        Set<Long> started = servers();
        started.removeAll(before);
        assertTrue(started.size() >= 3, "service, postgres and redis were running: " + started);

        gatling.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        try {
            Waits.await("the target's processes to stop").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> started.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
        } catch (ConditionTimeoutException e) {
            // named below
        }
        assertFalse(started.stream().anyMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)),
                "left behind: " + started.stream().filter(pid -> ProcessHandle.of(pid).isPresent()).toList());
    }
}
