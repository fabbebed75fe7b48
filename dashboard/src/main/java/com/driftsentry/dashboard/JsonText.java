package com.driftsentry.dashboard;

/**
 * The dashboard's two small JSON answers ({@code /health}, {@code /config.json}): an object of string members, each
 * escaped as RFC 8259 says. The server has no JSON library on purpose: its image is a three-module runtime (jlink of
 * java.base, java.net.http, jdk.httpserver) and a single jar; the gate's own JSON goes through Jackson (gate-core's Json).
 */
final class JsonText {
    private JsonText() {
    }

    /** {@code {"k1":"v1","k2":"v2",…}} from names and values in turn; a null value is written as null. */
    static String object(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            json.append(i == 0 ? "" : ",").append(string(namesAndValues[i])).append(':').append(string(namesAndValues[i + 1]));
        }
        return json.append('}').toString();
    }

    static String string(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder s = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    // Other control characters, and the line separators a script would read as a line end.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}
