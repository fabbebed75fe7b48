package com.driftsentry.reference.fault;

import com.driftsentry.reference.config.ConfigException;
import com.driftsentry.reference.config.Settings;
import com.driftsentry.reference.http.SecurityHeaders;
import java.util.List;
import java.util.Set;

/**
 * Fault switches that make this build deliberately bad, so the gate can prove it rejects it.
 * All off by default; the variable names are a contract with the driver and other tools.
 */
public record FaultConfig(
        int latencyMs,
        double latencyRatio,
        double errorRate,
        List<String> routes,
        boolean neverReady,
        int crashAfterSeconds,
        Set<String> droppedHeaders,
        int leakKilobytes) {

    public static final String LATENCY_MS = "DRIFTSENTRY_FAULT_LATENCY_MS";
    public static final String LATENCY_RATIO = "DRIFTSENTRY_FAULT_LATENCY_RATIO";
    public static final String ERROR_RATE = "DRIFTSENTRY_FAULT_ERROR_RATE";
    public static final String ROUTES = "DRIFTSENTRY_FAULT_ROUTES";
    public static final String NEVER_READY = "DRIFTSENTRY_FAULT_NEVER_READY";
    public static final String CRASH_AFTER_S = "DRIFTSENTRY_FAULT_CRASH_AFTER_S";
    public static final String DROP_HEADERS = "DRIFTSENTRY_FAULT_DROP_HEADERS";
    public static final String LEAK_KB = "DRIFTSENTRY_FAULT_LEAK_KB";

    public static FaultConfig from(Settings s) {
        List<String> routes = s.list(ROUTES);
        for (String route : routes) {
            if (!route.startsWith("/")) {
                throw new ConfigException(ROUTES + " entry '" + route + "' is not a path prefix (fix: start it with /, e.g. /api/v1/drifts)");
            }
        }
        List<String> dropped = s.list(DROP_HEADERS);
        for (String header : dropped) {
            if (!SecurityHeaders.isKnown(header)) {
                throw new ConfigException(DROP_HEADERS + " entry '" + header + "' is not a security header this service sends (fix: one of "
                        + String.join(", ", SecurityHeaders.ALL.keySet()) + ")");
            }
        }
        return new FaultConfig(
                s.integer(LATENCY_MS, 0, 0, 600_000),
                s.fraction(LATENCY_RATIO, 1.0),
                s.fraction(ERROR_RATE, 0.0),
                routes,
                s.flag(NEVER_READY, false),
                s.integer(CRASH_AFTER_S, 0, 0, 86_400),
                Set.copyOf(dropped),
                s.integer(LEAK_KB, 0, 0, 1024));
    }

    public static FaultConfig none() {
        return new FaultConfig(0, 1.0, 0.0, List.of(), false, 0, Set.of(), 0);
    }

    public boolean appliesTo(String path) {
        if (routes.isEmpty()) {
            return path.startsWith("/api/");
        }
        return routes.stream().anyMatch(path::startsWith);
    }

    public boolean any() {
        return latencyMs > 0 || errorRate > 0 || neverReady || crashAfterSeconds > 0 || !droppedHeaders.isEmpty() || leakKilobytes > 0;
    }
}
