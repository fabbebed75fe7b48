package com.driftsentry.gate.environment;

/**
 * Bad input in an environment file or a gate setting. The message is one line: the file, the
 * field, what is wrong and what is expected, so that a person can fix it without reading code.
 */
public class ConfigError extends RuntimeException {
    public ConfigError(String message) {
        super(message, null, false, false);
    }

    public static ConfigError at(String file, String field, String problem) {
        return new ConfigError(file + ": " + field + ": " + problem);
    }
}
