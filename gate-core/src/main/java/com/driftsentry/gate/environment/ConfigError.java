package com.driftsentry.gate.environment;

import java.util.Locale;

/**
 * Bad input in an environment file, an argument or a gate setting. The message is one line: the
 * file or argument, the field, what is wrong and what is expected, so that a person can fix it
 * without reading code.
 */
public class ConfigError extends RuntimeException {
    // Enough to recognise a value; a value pasted by mistake (a whole file, a 100 KB string) is not echoed back whole.
    private static final int QUOTED_CHARS = 60;

    public ConfigError(String message) {
        super(message, null, false, false);
    }

    public static ConfigError at(String file, String field, String problem) {
        return new ConfigError(file + ": " + field + ": " + problem);
    }

    /** A value as an error may show it: in quotes, on one line, cut to its start when long. */
    public static String quote(String value) {
        if (value == null) {
            return "nothing";
        }
        String oneLine = value.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= QUOTED_CHARS ? "'" + oneLine + "'"
                : String.format(Locale.ROOT, "'%s…' (%,d characters)", oneLine.substring(0, QUOTED_CHARS), value.length());
    }
}
