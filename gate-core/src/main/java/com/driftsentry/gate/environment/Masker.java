package com.driftsentry.gate.environment;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Knows every secret value this run resolved and blanks them out of any text before it is
 * printed, logged or written to a report. Longer secrets first, so that a secret containing a
 * shorter one is masked whole.
 */
public final class Masker {
    public static final String MASK = "****";
    // Shorter values would blank ordinary words and numbers; no real secret is this short.
    private static final int MIN_LENGTH = 4;

    private final List<String> secrets = new CopyOnWriteArrayList<>();

    public synchronized String register(String secret) {
        if (secret != null && secret.length() >= MIN_LENGTH && !secrets.contains(secret)) {
            secrets.add(secret);
            secrets.sort(Comparator.comparingInt(String::length).reversed());
        }
        return secret;
    }

    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }
}
