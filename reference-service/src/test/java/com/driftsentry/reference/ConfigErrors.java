package com.driftsentry.reference;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.reference.config.ConfigException;
import com.driftsentry.reference.config.ServiceConfig;
import java.util.Map;

/** Asserts that a setting is refused at start with one line that names it and says how to fix it. */
final class ConfigErrors {
    private ConfigErrors() {
    }

    static void assertConfigError(Map<String, String> env, String variable) {
        ConfigException e = assertThrows(ConfigException.class, () -> ServiceConfig.fromEnvironment(env));
        assertTrue(e.getMessage().startsWith(variable), e.getMessage());
        assertTrue(e.getMessage().contains("fix:"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
}
