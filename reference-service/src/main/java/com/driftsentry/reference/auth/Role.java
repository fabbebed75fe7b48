package com.driftsentry.reference.auth;

import java.util.Locale;

/** What a key may do: an admin writes and manages keys, a reader only reads. */
public enum Role {
    ADMIN, READER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
