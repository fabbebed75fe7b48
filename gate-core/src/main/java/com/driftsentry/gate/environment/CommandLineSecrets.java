package com.driftsentry.gate.environment;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A key given on a command line ({@code -Dgate.apiKey=…}) is a system property, and test runners
 * copy every system property into their reports (Maven Surefire and Failsafe write them into
 * {@code TEST-*.xml}). {@link #hide()} moves such properties out of the JVM's system properties
 * before any report is written, leaving the mask; the environment loader reads the real value
 * from here. The safer way is not to put a key on a command line at all: {@code -Dgate.apiKey='${env:NAME}'}.
 */
public final class CommandLineSecrets {
    static final Set<String> NAMES = Set.of("gate.apiKey");
    private static final Map<String, String> HIDDEN = new ConcurrentHashMap<>();

    private CommandLineSecrets() {
    }

    /** Replaces each secret-carrying system property with the mask, keeping its value here. Idempotent. */
    public static synchronized void hide() {
        for (String name : NAMES) {
            String value = System.getProperty(name);
            if (value != null && !value.equals(Masker.MASK)) {
                HIDDEN.put(name, value);
                System.setProperty(name, Masker.MASK);
            }
        }
    }

    /** The property's real value: hidden here, or still a system property. */
    static Optional<String> get(String name) {
        return Optional.ofNullable(HIDDEN.get(name)).or(() -> Optional.ofNullable(System.getProperty(name)));
    }
}
