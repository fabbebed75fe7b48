package com.driftsentry.gate.driver;

import com.driftsentry.gate.driver.decision.RunRecord;
import com.driftsentry.gate.driver.gates.Gate;
import com.driftsentry.gate.driver.platform.Platform;
import com.driftsentry.gate.driver.platform.Release;
import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.environment.EnvironmentLoader;
import com.driftsentry.gate.environment.Masker;
import com.driftsentry.gate.environment.SecretResolver;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage in memory for the stage runner's tests: a platform that records what it is asked and
 * fails where a test says so, gates that answer as scripted, and the runner over them.
 */
abstract class MemoryStageTest {
    static final Release SERVING = Release.parse("0.1.0");
    static final Release CANDIDATE = Release.parse("0.2.0");

    @TempDir
    Path dir;
    MemoryPlatform platform;
    final List<String> ran = new ArrayList<>();
    final List<Gate> gates = new ArrayList<>();
    Function<Release, Outcome> verification = release -> Outcome.PASS;

    @BeforeEach
    void platform() {
        platform = new MemoryPlatform(SERVING);
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    /** A gate that answers {@code outcome} and notes that it ran; {@code during} happens while it runs. */
    ScriptedGate gate(String name, Outcome outcome, Runnable during) {
        return new ScriptedGate(name, outcome, during);
    }

    /** A gate as scripted; {@link #noting} makes it also note when it is prepared, discarded and settled, and whether it measures time. */
    final class ScriptedGate implements Gate {
        private final String name;
        private final Outcome outcome;
        private final Runnable during;
        private boolean noting;
        private boolean timed;

        ScriptedGate(String name, Outcome outcome, Runnable during) {
            this.name = name;
            this.outcome = outcome;
            this.during = during;
        }

        ScriptedGate noting(boolean measuresTime) {
            this.noting = true;
            this.timed = measuresTime;
            return this;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Verdict judge() {
            ran.add(name);
            during.run();
            return verdict("memory", "release", "memory", VerdictLine.of(name + " check").threshold("as scripted").measured(outcome.name())
                    .samples(1, 1).window("now").outcome(outcome, "scripted " + outcome));
        }

        @Override
        public boolean timed() {
            return timed;
        }

        @Override
        public void prepare() {
            if (noting) {
                ran.add("prepare " + name);
            }
        }

        @Override
        public void discard() {
            if (noting) {
                ran.add("discard " + name);
            }
        }

        @Override
        public void settle() {
            if (noting) {
                ran.add("settle " + name);
            }
        }
    }

    /** Holds a gate until the release's address has answered another request: the availability probe saw it. */
    void untilProbed() {
        int before = platform.answered.get();
        org.awaitility.Awaitility.await("the availability probe to reach the release").atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(10)).until(() -> platform.answered.get() > before);
    }

    ScriptedGate gate(String name, Outcome outcome) {
        return gate(name, outcome, () -> { });
    }

    StageRunner runner(String onFailure) throws Exception {
        Path envs = Files.createDirectories(dir.resolve("environments"));
        Files.writeString(envs.resolve("memory.yaml"), """
                name: memory
                target: { baseUrl: "http://127.0.0.1:1" }
                platform: { type: embedded, baselineVersion: 0.1.0 }
                gates:
                  availability: { path: /health/live, every: 50ms, minSuccess: 100%% }
                onFailure: %s
                """.formatted(onFailure));
        Environment env = new EnvironmentLoader(envs, Map.of(), SecretResolver::fromSystem).load("memory");
        StageGates scripted = new StageGates() {
            @Override
            public List<Gate> judging(Release release, Platform.Endpoint at) {
                return gates;
            }

            @Override
            public Gate verifying(Release release, String address) {
                return gate("verify " + release, verification.apply(release));
            }
        };
        return new StageRunner(env, platform, scripted, new Progress(new PrintWriter(Writer.nullWriter()), new Masker()));
    }

    static List<String> gatesIn(RunRecord run) {
        return run.verdicts().stream().map(Verdict::gate).toList();
    }
}
