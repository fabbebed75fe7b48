package com.driftsentry.gate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.environment.ConfigError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code mvn gatling:test} with broken values: each is refused before anything starts, on one line
 * naming the setting (GateRun turns it into exit 3; LoadGateEndToEndTest shows that end to end).
 */
class LoadPlanTest {
    static final Set<String> GROUPS = Set.of("drifts", "dashboard", "writes");
    static final String[] PROPERTIES = {"env", "gate.environments", "gate.rampTo", "gate.over", "gate.hold", "gate.baseUrl", "gate.simulation", "gate.readyTimeout", "gate.apiKey"};

    @AfterEach
    void clear() {
        for (String p : PROPERTIES) {
            System.clearProperty(p);
        }
    }

    static void set(Map<String, String> properties) {
        System.setProperty("gate.environments", Path.of("src/test/resources/e2e-environments").toAbsolutePath().toString());
        System.setProperty("env", "e2e");
        properties.forEach(System::setProperty);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "env|nowhere|-Denv=nowhere: no file",
            "env|../etc/passwd|not an environment name",
            "gate.rampTo|fast|gates.load.profile.rampTo",
            "gate.over|-5s|gates.load.profile.over",
            "gate.hold|forever|gates.load.profile.hold",
            "gate.readyTimeout|soon|-Dgate.readyTimeout: 'soon' is not a duration",
            "gate.baseUrl|ftp://stage.example|target.baseUrl: 'ftp://stage.example' is not an http(s) URL"})
    void aBrokenSettingIsOneLineNamingIt(String property, String value, String named) {
        set(Map.of(property, value));
        ConfigError e = assertThrows(ConfigError.class, () -> LoadPlan.read("ApiMixSimulation", GROUPS));
        assertTrue(e.getMessage().contains(named), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void anotherSimulationThanTheEnvironmentsIsRefusedWithTheSwitchThatRunsIt() {
        set(Map.of());
        ConfigError e = assertThrows(ConfigError.class, () -> LoadPlan.read("HealthSimulation", Set.of("health")));
        assertTrue(e.getMessage().contains("gates.load.simulation") && e.getMessage().contains("fix: -Dgate.simulationClass="), e.getMessage());
    }

    @Test
    void aValidPlanReadsTheProfile() {
        set(Map.of("gate.hold", "3s"));
        LoadPlan plan = LoadPlan.read("ApiMixSimulation", GROUPS);
        assertEquals(3, plan.load().profile().hold().toSeconds());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "platform: { type: embedded, baselineVersion: 0.1.0 }|http://127.0.0.1:9||gates.load.generators.engine: ecs runs the generators on the stage's cluster",
            "platform: { type: ecs, cluster: c, service: s }|embedded||target.baseUrl: embedded is this machine, which tasks on the cluster cannot reach",
            "platform: { type: ecs, cluster: c, service: s }|http://127.0.0.1:9|dsk_given|-Dgate.apiKey: a generator task reads its key from the environment file"})
    void generatorTasksAreRefusedWhereTheyCannotWorkOrWouldCarryAKey(String platform, String baseUrl, String key, String expected,
                                                                      @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("tasks.yaml"), """
                name: tasks
                target: { baseUrl: "BASE", apiKey: k }
                PLATFORM
                gates:
                  load:
                    simulation: ApiMixSimulation
                    generators: { count: 2, engine: ecs, taskDefinition: gen }
                    profile: { rampTo: 10/s, over: 1s, hold: 1s }
                    thresholds: [ { scope: global, metric: errorRate, max: 0% } ]
                """.replace("BASE", baseUrl).replace("PLATFORM", platform));
        System.setProperty("gate.environments", dir.toString());
        System.setProperty("env", "tasks");
        if (key != null) {
            System.setProperty("gate.apiKey", key);
        }
        ConfigError e = assertThrows(ConfigError.class, () -> LoadPlan.read("ApiMixSimulation", GROUPS));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
