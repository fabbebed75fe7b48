package com.driftsentry.reference.auth;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keys look like {@code dsk_<prefix>_<secret>}: the prefix is public and finds the row, the
 * secret is only ever stored as a bcrypt hash of the whole key.
 */
public final class ApiKeyFormat {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final Pattern SHAPE = Pattern.compile("dsk_([A-Za-z0-9]{10})_([A-Za-z0-9]{32})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyFormat() {
    }

    public static String generate() {
        return "dsk_" + random(10) + "_" + random(32);
    }

    /** The public prefix of a well-formed key, or empty for anything else. */
    public static Optional<String> prefixOf(String key) {
        if (key == null || key.length() > 64) {
            return Optional.empty();
        }
        Matcher m = SHAPE.matcher(key);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String random(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
