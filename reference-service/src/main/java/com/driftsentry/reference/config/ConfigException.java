package com.driftsentry.reference.config;

/** A setting that cannot be used; the message is one line naming the variable and the fix. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
