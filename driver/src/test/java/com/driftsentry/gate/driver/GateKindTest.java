package com.driftsentry.gate.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.driver.gates.Gate;
import com.driftsentry.gate.driver.gates.GateKind;
import com.driftsentry.gate.driver.platform.Platform;
import com.driftsentry.gate.driver.platform.Release;
import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.environment.EnvironmentLoader;
import com.driftsentry.gate.environment.GateSection;
import com.driftsentry.gate.environment.SecretResolver;
import com.driftsentry.gate.json.Json;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gate that reads its own section: run in its place when the environment names it, checked before anything changes. */
class GateKindTest {
    @TempDir
    Path dir;

    /** A kind as a new gate would be written: its key, its gate, its plan line and its check. */
    private static final GateKind PAUSE = new GateKind() {
        @Override
        public String key() {
            return "pause";
        }

        @Override
        public Gate gate(GateSection section, Environment aimed, Platform.Endpoint at, Path output) {
            Duration d = section.duration("for", Duration.ofSeconds(1));
            return new Gate() {
                @Override
                public String name() {
                    return "pause";
                }

                @Override
                public Verdict judge() {
                    return Verdict.of("pause", aimed.name(), at.baseUrl(), at.baseUrl(), List.of(VerdictLine.of("pause").threshold("<= 1 s")
                            .measured(d.toMillis() + " ms").samples(1, 1).window("now").pass("paused")));
                }
            };
        }

        @Override
        public String plan(GateSection section) {
            Duration d = section.duration("for", Duration.ofSeconds(1));
            if (d.compareTo(Duration.ofSeconds(1)) > 0) {
                throw section.error("for", "is " + d.toMillis() + " ms, longer than a pause may be (fix: for: 1s or less)");
            }
            return "pause " + d.toMillis() + " ms";
        }
    };

    @Test
    void aSectionTheEnvironmentNamesRunsItsGateAfterTheContractAndBeforeTheLoad() throws Exception {
        Environment env = withSections("pause: { for: 200ms }");
        List<Gate> gates = new StageGates.FromEnvironment(env, dir, Optional.empty(), List.of(PAUSE), true)
                .judging(Release.parse("0.2.0"), new Platform.Endpoint("http://127.0.0.1:1", "key", Optional.empty()));
        assertEquals(List.of("health", "smoke", "pause", "ratelimit"), gates.stream().map(Gate::name).toList(), "the smoke suites by default, no contract or load here");
        assertEquals("200 ms", gates.get(2).judge().lines().get(0).measured());
        StageGates.check(env, List.of(PAUSE));
    }

    @Test
    void noSectionNoGate() throws Exception {
        Environment env = withSections("{}");
        List<Gate> gates = new StageGates.FromEnvironment(env, dir, Optional.empty(), List.of(PAUSE), true)
                .judging(Release.parse("0.2.0"), new Platform.Endpoint("http://127.0.0.1:1", "key", Optional.empty()));
        assertEquals(List.of("health", "smoke", "ratelimit"), gates.stream().map(Gate::name).toList());
    }

    @Test
    void aBadSectionIsOneLineNamingTheFieldBeforeAnythingRuns() throws Exception {
        ConfigError e = assertThrows(ConfigError.class, () -> StageGates.check(withSections("pause: { for: 5s }"), List.of(PAUSE)));
        assertTrue(e.getMessage().contains("gates.pause.for") && e.getMessage().contains("fix:"), e.getMessage());
        ConfigError unreadable = assertThrows(ConfigError.class, () -> StageGates.check(withSections("pause: { for: soon }"), List.of(PAUSE)));
        assertTrue(unreadable.getMessage().contains("gates.pause.for"), unreadable.getMessage());
    }

    /** A schema-valid environment, then the sections a kind would read (the schema lists a real kind's key). */
    private Environment withSections(String gates) throws Exception {
        Path envs = Files.createDirectories(dir.resolve("environments"));
        Files.writeString(envs.resolve("kinds.yaml"), "name: kinds\ntarget: { baseUrl: http://127.0.0.1:1 }\ngates: {}\n");
        Environment e = new EnvironmentLoader(envs, Map.of(), SecretResolver::unread).load("kinds");
        return new Environment(e.name(), e.file(), e.target(), e.deploy(), e.load(), e.smoke(), e.contract(), e.browser(),
                new GateSection.All(e.file(), Json.YAML.readTree(gates)), e.masker());
    }
}
