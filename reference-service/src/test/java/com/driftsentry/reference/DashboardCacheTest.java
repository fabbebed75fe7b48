package com.driftsentry.reference;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.reference.seed.Seeder;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DashboardCacheTest {
    static RunningService api;
    static Seeder.Seeded tenant;

    @BeforeAll
    static void start() {
        // Long enough that no pause of a loaded machine between two reads turns an expected HIT into a MISS.
        api = RunningService.start(Map.of("DRIFTSENTRY_SUMMARY_CACHE_TTL", "10m"));
        tenant = api.seed("dashboard", 40);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    String cacheHeader() {
        return api.as(tenant.readerKey()).get("/api/v1/dashboard/summary").then().statusCode(200).extract().header("X-Cache");
    }

    @Test
    void secondReadIsAHitAndCountsMatchTheData() {
        cacheHeader();
        assertEquals("HIT", cacheHeader());
        int total = api.as(tenant.readerKey()).get("/api/v1/dashboard/summary").path("total");
        int listed = api.as(tenant.readerKey()).queryParam("limit", 100).get("/api/v1/drifts").path("items.size()");
        assertEquals(listed, total);
    }

    @Test
    void writesInvalidateTheTenantsSummary() {
        cacheHeader();
        assertEquals("HIT", cacheHeader());
        int before = api.as(tenant.readerKey()).get("/api/v1/dashboard/summary").path("byStatus.open");

        String id = api.as(tenant.adminKey()).contentType("application/json").body(DriftBodies.drift("sg-dash", "high"))
                .post("/api/v1/drifts").then().statusCode(201).extract().path("id");
        assertEquals("MISS", cacheHeader());
        api.as(tenant.readerKey()).get("/api/v1/dashboard/summary").then().body("byStatus.open", equalTo(before + 1));

        api.as(tenant.adminKey()).post("/api/v1/drifts/" + id + "/remediate").then().statusCode(200);
        assertEquals("MISS", cacheHeader());
        api.as(tenant.readerKey()).get("/api/v1/dashboard/summary").then()
                .header("X-Cache", "HIT").body("byStatus.open", equalTo(before));
    }

    /**
     * Its own service with a 1 s TTL. The entry expires, and not before its TTL: the clock starts before
     * the read that fills it, so the bound holds however slow the machine is.
     */
    @Test
    void entriesExpireAfterTheirTtlAndNotBefore() {
        try (RunningService shortLived = RunningService.start(Map.of("DRIFTSENTRY_SUMMARY_CACHE_TTL", "1s"))) {
            Seeder.Seeded other = shortLived.seed("dashboard-expiry", 5);
            Callable<String> read = () -> shortLived.as(other.readerKey()).get("/api/v1/dashboard/summary").then().statusCode(200)
                    .extract().header("X-Cache");
            long before = System.nanoTime();
            assertEquals("MISS", shortLived.as(other.readerKey()).get("/api/v1/dashboard/summary").then().statusCode(200).extract().header("X-Cache"));
            Awaitility.await("the summary to expire").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(read, "MISS"::equals);
            long millis = (System.nanoTime() - before) / 1_000_000;
            assertTrue(millis >= 1_000, "expired " + millis + " ms after it was filled, before its 1 s TTL");
        }
    }

    @Test
    void hitsAndMissesAreCountedInTheMetrics() {
        double hits = counter("hit");
        double misses = counter("miss");
        api.as(tenant.adminKey()).contentType("application/json").body(DriftBodies.drift("sg-metrics", "low"))
                .post("/api/v1/drifts").then().statusCode(201);
        cacheHeader();
        cacheHeader();
        assertTrue(counter("miss") >= misses + 1, "a miss was counted");
        assertTrue(counter("hit") >= hits + 1, "a hit was counted");
    }

    private double counter(String result) {
        String text = api.anonymous().get("/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("driftsentry_cache_requests_total\\{cache=\"dashboard_summary\",result=\"" + result + "\"} ([0-9.E]+)")
                .matcher(text);
        assertTrue(m.find(), "metric for " + result + " present");
        return Double.parseDouble(m.group(1));
    }
}
