package com.driftsentry.gate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.environment.ConfigError;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code mvn gatling:test} with broken values: each is refused before anything starts, on one line
 * naming the setting (GateRun turns it into exit 3; LoadGateEndToEndTest shows that end to end).
 */
class LoadPlanTest {
    static final Set<String> GROUPS = Set.of("drifts", "dashboard", "writes");
    static final String[] PROPERTIES = {"env", "gate.environments", "gate.rampTo", "gate.over", "gate.hold", "gate.baseUrl", "gate.simulation", "gate.readyTimeout"};

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
}
