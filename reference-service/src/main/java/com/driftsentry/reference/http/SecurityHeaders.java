package com.driftsentry.reference.http;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The security headers every response carries, minus any a fault switch asks to drop. */
public final class SecurityHeaders {
    public static final Map<String, String> ALL = headers();

    private final Map<String, String> sent;

    public SecurityHeaders(Set<String> dropped) {
        Set<String> lower = dropped.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Map<String, String> kept = new LinkedHashMap<>();
        ALL.forEach((name, value) -> {
            if (!lower.contains(name.toLowerCase(Locale.ROOT))) {
                kept.put(name, value);
            }
        });
        this.sent = Map.copyOf(kept);
    }

    public void apply(Context ctx) {
        sent.forEach(ctx::header);
    }

    public static boolean isKnown(String header) {
        return ALL.keySet().stream().anyMatch(h -> h.equalsIgnoreCase(header));
    }

    private static Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        // An API serves no documents: nothing may load, frame or be framed.
        h.put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        h.put("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        h.put("X-Frame-Options", "DENY");
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "no-referrer");
        h.put("Cache-Control", "no-store");
        return java.util.Collections.unmodifiableMap(h);
    }
}
