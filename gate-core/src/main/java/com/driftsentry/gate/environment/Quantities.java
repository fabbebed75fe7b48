package com.driftsentry.gate.environment;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the quantities environment files are written in: {@code 500ms}, {@code 2m}, {@code 0.5%}, {@code 20/s}, {@code 64MB/h}. */
public final class Quantities {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*/\\s*(s|m)");
    private static final Pattern GROWTH = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(KB|MB|GB)\\s*/\\s*h");

    private final String file;

    public Quantities(String file) {
        this.file = file;
    }

    public Duration duration(String field, String value) {
        Matcher m = DURATION.matcher(value.trim());
        if (!m.matches()) {
            throw ConfigError.at(file, field, "'" + value + "' is not a duration (expected a number with ms, s, m or h, e.g. 500ms or 2m)");
        }
        double amount = Double.parseDouble(m.group(1));
        double millis = switch (m.group(2)) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            default -> amount * 3_600_000;
        };
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }

    /** A percentage as a fraction: {@code 0.5%} is 0.005. */
    public double percent(String field, String value) {
        Matcher m = PERCENT.matcher(value.trim());
        double fraction = m.matches() ? Double.parseDouble(m.group(1)) / 100.0 : -1;
        if (fraction < 0 || fraction > 1) {
            throw ConfigError.at(file, field, "'" + value + "' is not a percentage (expected 0% to 100%, e.g. 0.5%)");
        }
        return fraction;
    }

    /** A rate in requests per second. */
    public double rate(String field, String value) {
        Matcher m = RATE.matcher(value.trim());
        if (!m.matches() || Double.parseDouble(m.group(1)) <= 0) {
            throw ConfigError.at(file, field, "'" + value + "' is not a rate (expected requests per second or minute, e.g. 20/s)");
        }
        double n = Double.parseDouble(m.group(1));
        return "m".equals(m.group(2)) ? n / 60.0 : n;
    }

    /** A memory growth in bytes per hour; binary units ({@code 1MB} is 1024 KB), as memory limits are written. */
    public double growth(String field, String value) {
        Matcher m = GROWTH.matcher(value.trim());
        if (!m.matches()) {
            throw ConfigError.at(file, field, "'" + value + "' is not a memory growth (expected KB, MB or GB per hour, e.g. 64MB/h)");
        }
        int shift = switch (m.group(2)) {
            case "KB" -> 10;
            case "MB" -> 20;
            default -> 30;
        };
        return Double.parseDouble(m.group(1)) * (1L << shift);
    }

    public long count(String field, String value) {
        try {
            long n = Long.parseLong(value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ConfigError.at(file, field, "'" + value + "' is not a count (expected a whole number such as 500)");
    }
}
