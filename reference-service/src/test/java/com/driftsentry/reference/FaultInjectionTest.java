package com.driftsentry.reference;

import java.util.List;
import java.util.ArrayList;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.reference.fault.FaultConfig;
import com.driftsentry.reference.seed.Seeder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each switch makes the build bad in exactly the way it names, and nowhere else. The crash switch is in ProcessLifecycleIT. */
class FaultInjectionTest {

    @Test
    void errorRateAnswers500OnTheNamedRouteOnly() {
        try (RunningService api = RunningService.start(Map.of(FaultConfig.ERROR_RATE, "0.5", FaultConfig.ROUTES, "/api/v1/dashboard"))) {
            Seeder.Seeded t = api.seed("fault-errors", 3);
            int errors = 0;
            for (int i = 0; i < 200; i++) {
                int code = api.as(t.readerKey()).get("/api/v1/dashboard/summary").statusCode();
                assertTrue(code == 200 || code == 500, "only 200 or 500, got " + code);
                errors += code == 500 ? 1 : 0;
            }
            assertEquals(100, errors, "exactly half of 200 failed");
            for (int i = 0; i < 50; i++) {
                api.as(t.readerKey()).get("/api/v1/drifts").then().statusCode(200);
            }
        }
    }

    @Test
    void latencyHitsTheConfiguredFractionOfTheNamedRoute() {
        try (RunningService api = RunningService.start(Map.of(FaultConfig.LATENCY_MS, "150", FaultConfig.LATENCY_RATIO, "0.25",
                FaultConfig.ROUTES, "/api/v1/drifts"))) {
            Seeder.Seeded t = api.seed("fault-latency", 3);
            // The faults are evenly spread, not random: every 4th request of the route (the 4th, 8th, … 80th of these 81) waits 150 ms.
            List<Long> hit = new ArrayList<>();
            List<Long> spared = new ArrayList<>();
            for (int n = 1; n <= 81; n++) {
                (n % 4 == 0 ? hit : spared).add(millis(() -> api.as(t.readerKey()).get("/api/v1/drifts").then().statusCode(200)));
            }
            // A sleep lasts at least its time, so the first bound is exact; a loaded machine can slow a spared request, not all of them.
            assertTrue(hit.stream().allMatch(ms -> ms >= 150), "each of the 20 hit requests waited 150 ms: " + hit);
            assertTrue(median(spared) < 150, "the other 61 did not: median " + median(spared) + " ms of " + spared);
            List<Long> other = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                other.add(millis(() -> api.as(t.readerKey()).get("/api/v1/dashboard/summary").then().statusCode(200)));
            }
            assertTrue(median(other) < 150, "other routes are not delayed: median " + median(other) + " ms of " + other);
        }
    }

    @Test
    void unsetRoutesMeanEveryApiRouteButNotHealth() {
        try (RunningService api = RunningService.start(Map.of(FaultConfig.ERROR_RATE, "1.0"))) {
            Seeder.Seeded t = api.seed("fault-all", 1);
            api.as(t.readerKey()).get("/api/v1/drifts").then().statusCode(500).body("detail", containsString("Injected"));
            api.as(t.readerKey()).get("/api/v1/dashboard/summary").then().statusCode(500);
            api.anonymous().get("/health/live").then().statusCode(200);
            api.anonymous().get("/health/ready").then().statusCode(200);
        }
    }

    @Test
    void neverReadyKeepsReadinessAt503WhileLivenessIsFine() {
        try (RunningService api = RunningService.start(Map.of(FaultConfig.NEVER_READY, "true"))) {
            api.anonymous().get("/health/live").then().statusCode(200);
            api.anonymous().get("/health/ready").then().statusCode(503).body("checks.fault", containsString("NEVER_READY"));
        }
    }

    @Test
    void droppedHeadersAreMissingAndTheOthersStay() {
        try (RunningService api = RunningService.start(Map.of(FaultConfig.DROP_HEADERS, "Strict-Transport-Security, x-frame-options"))) {
            api.anonymous().get("/health/live").then().statusCode(200)
                    .header("Strict-Transport-Security", nullValue()).header("X-Frame-Options", nullValue())
                    .header("Content-Security-Policy", containsString("default-src"));
        }
    }

    @Test
    void theLeakSwitchKeepsMemoryForEveryRequestOnItsRoutes() throws Exception {
        try (RunningService api = RunningService.start(Map.of(FaultConfig.LEAK_KB, "1024", FaultConfig.ROUTES, "/api/v1/drifts"))) {
            long before = heapUsedAfterGc();
            // even refused requests: the switch acts before authentication, like the others
            for (int i = 0; i < 64; i++) {
                api.anonymous().get("/api/v1/drifts?limit=1").then().statusCode(401);
            }
            long grown = heapUsedAfterGc() - before;
            assertTrue(grown >= 60L << 20, "64 requests keep about 64 MB even after a collection: " + (grown >> 20) + " MB");
            api.anonymous().get("/api/v1/dashboard/summary").then().statusCode(401);
            assertTrue(heapUsedAfterGc() - before - grown < 4L << 20, "another route keeps nothing");
            String metrics = api.anonymous().get("/metrics").asString();
            assertTrue(metrics.matches("(?s).*\\nprocess_resident_memory_bytes [1-9][0-9.E]+\\n.*"), "resident memory is exported");
        }
    }

    /** The service runs in this JVM here, so its heap is this heap. */
    private static long heapUsedAfterGc() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    @Test
    void noSwitchSetMeansNoFault() {
        assertEquals(false, FaultConfig.from(new com.driftsentry.reference.config.Settings(Map.of())).any());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "DRIFTSENTRY_FAULT_LATENCY_MS|abc", "DRIFTSENTRY_FAULT_LATENCY_MS|-5", "DRIFTSENTRY_FAULT_LATENCY_RATIO|1.5",
            "DRIFTSENTRY_FAULT_ERROR_RATE|5%", "DRIFTSENTRY_FAULT_ERROR_RATE|-0.1", "DRIFTSENTRY_FAULT_ROUTES|api/v1",
            "DRIFTSENTRY_FAULT_NEVER_READY|maybe", "DRIFTSENTRY_FAULT_CRASH_AFTER_S|soon", "DRIFTSENTRY_FAULT_DROP_HEADERS|X-Powered-By",
            "DRIFTSENTRY_FAULT_LEAK_KB|64KB", "DRIFTSENTRY_FAULT_LEAK_KB|2048"})
    void malformedSwitchRefusesToStart(String variable, String value) {
        ConfigErrors.assertConfigError(Map.of(variable, value), variable);
    }

    private static long millis(Runnable request) {
        long started = System.nanoTime();
        request.run();
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
