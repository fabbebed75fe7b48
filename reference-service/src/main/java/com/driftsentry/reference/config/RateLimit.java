package com.driftsentry.reference.config;

import java.time.Duration;

/** "N requests per period", written in settings as {@code 100/1s} or {@code 10/1m}. */
public record RateLimit(long capacity, Duration period) {

    public static RateLimit parse(String name, String value) {
        String[] parts = value.split("/", 2);
        if (parts.length == 2) {
            try {
                long capacity = Long.parseLong(parts[0].trim());
                if (capacity > 0) {
                    Duration period = Settings.parseDuration(name, parts[1]);
                    if (!period.isZero()) {
                        return new RateLimit(capacity, period);
                    }
                }
            } catch (NumberFormatException | ConfigException ignored) {
                // reported below with the expected form
            }
        }
        throw new ConfigException(name + "=" + value + " is not a rate (fix: <count>/<period>, e.g. 100/1s or 10/1m)");
    }

    @Override
    public String toString() {
        return capacity + "/" + period.toMillis() + "ms";
    }
}
