package com.driftsentry.reference.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads of environment variables. Every malformed value becomes a {@link ConfigException}
 * that names the variable, the value's problem and an example of a good value, so that the
 * service refuses to start instead of running with a half-understood setting.
 */
public final class Settings {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private final Map<String, String> env;

    public Settings(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public Optional<String> text(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String text(String name, String fallback) {
        return text(name).orElse(fallback);
    }

    public int integer(String name, int fallback, int min, int max) {
        return text(name).map(v -> parseInteger(name, v, min, max)).orElse(fallback);
    }

    public double fraction(String name, double fallback) {
        return text(name).map(v -> parseFraction(name, v)).orElse(fallback);
    }

    public boolean flag(String name, boolean fallback) {
        return text(name).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new ConfigException(name + "=" + v + " is not a boolean (fix: set true or false)");
        }).orElse(fallback);
    }

    public Duration duration(String name, Duration fallback) {
        return text(name).map(v -> parseDuration(name, v)).orElse(fallback);
    }

    public List<String> list(String name) {
        return text(name).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    public RateLimit rate(String name, RateLimit fallback) {
        return text(name).map(v -> RateLimit.parse(name, v)).orElse(fallback);
    }

    static int parseInteger(String name, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the accepted range
        }
        throw new ConfigException(name + "=" + value + " is not a whole number from " + min + " to " + max
                + " (fix: set e.g. " + Math.max(min, Math.min(max, 10)) + ")");
    }

    static double parseFraction(String name, String value) {
        try {
            double parsed = Double.parseDouble(value);
            if (parsed >= 0.0 && parsed <= 1.0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the accepted range
        }
        throw new ConfigException(name + "=" + value + " is not a fraction from 0 to 1 (fix: set e.g. 0.05 for 5%)");
    }

    static Duration parseDuration(String name, String value) {
        Matcher m = DURATION.matcher(value.trim());
        if (!m.matches()) {
            throw new ConfigException(name + "=" + value + " is not a duration (fix: a number with ms, s, m or h, e.g. 250ms or 5s)");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }
}
