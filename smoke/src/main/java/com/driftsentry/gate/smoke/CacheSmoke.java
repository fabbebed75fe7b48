package com.driftsentry.gate.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.driftsentry.gate.suite.StageAccess;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The dashboard summary is served from Redis when read again: the cache is wired and alive. */
@Tag("cache")
@Order(5)
class CacheSmoke {
    // Another client's write between two reads invalidates the summary; three pairs make that noise unlikely to fail us.
    private static final int ATTEMPTS = 3;

    @Test
    void secondSummaryReadIsAHit() {
        String key = StageAccess.key();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < ATTEMPTS; i++) {
            read(key);
            Response second = read(key);
            seen.add(second.header("X-Cache"));
            if ("HIT".equals(second.header("X-Cache"))) {
                return;
            }
        }
        throw new AssertionError("the second of two summary reads was never a cache HIT in " + ATTEMPTS + " tries (X-Cache: " + seen + ")");
    }

    private static Response read(String key) {
        Response r = Smoke.HTTP.as(key).get("/api/v1/dashboard/summary");
        assertEquals(200, r.statusCode(), "GET /api/v1/dashboard/summary answered " + r.statusCode());
        return r;
    }
}
