package com.driftsentry.reference;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.reference.seed.Seeder;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each tier on its own instance (own Redis database), so their buckets do not meet. */
class RateLimitTest {

    @Test
    void perIpTierAnswers429WithRetryAfter() {
        try (RunningService api = RunningService.start(Map.of("DRIFTSENTRY_RATE_LIMIT_IP", "5/1m"))) {
            Seeder.Seeded t = api.seed("rl-ip", 1);
            List<Integer> codes = statuses(api, t.readerKey(), 7);
            assertEquals(List.of(200, 200, 200, 200, 200, 429, 429), codes);
            Response limited = api.as(t.readerKey()).get("/api/v1/drifts");
            limited.then().statusCode(429).contentType("application/problem+json").body("detail", containsString("address"));
            assertTrue(Integer.parseInt(limited.header("Retry-After")) >= 1);
            api.anonymous().get("/health/live").then().statusCode(200);
        }
    }

    @Test
    void perKeyTierLimitsOneKeyAndNotAnother() {
        try (RunningService api = RunningService.start(Map.of("DRIFTSENTRY_RATE_LIMIT_KEY", "3/1m"))) {
            Seeder.Seeded t = api.seed("rl-key", 1);
            assertEquals(List.of(200, 200, 200, 429), statuses(api, t.readerKey(), 4));
            api.as(t.readerKey()).get("/api/v1/drifts").then().statusCode(429).header("Retry-After", s -> s, org.hamcrest.Matchers.notNullValue())
                    .body("detail", containsString("API key"));
            api.as(t.adminKey()).get("/api/v1/drifts").then().statusCode(200);
        }
    }

    @Test
    void failedAuthenticationsLockTheAddressOutEvenForAValidUncachedKey() {
        try (RunningService api = RunningService.start(Map.of("DRIFTSENTRY_RATE_LIMIT_AUTH_FAILURES", "3/1m"))) {
            Seeder.Seeded t = api.seed("rl-auth", 1);
            api.as(t.adminKey()).get("/api/v1/drifts").then().statusCode(200);
            String guess = t.readerKey().substring(0, 15) + "B".repeat(32);
            assertEquals(List.of(401, 401, 401, 429, 429), statuses(api, guess, 5));
            api.as(t.readerKey()).get("/api/v1/drifts").then().statusCode(429).body("detail", containsString("failed authentications"));
            // A key verified before the lockout is not being guessed: it keeps working.
            api.as(t.adminKey()).get("/api/v1/drifts").then().statusCode(200);
        }
    }

    @Test
    void instancesSharingRedisShareTheirBuckets() {
        Map<String, String> env = Map.of("DRIFTSENTRY_RATE_LIMIT_KEY", "4/1m");
        try (RunningService a = RunningService.start(env);
             RunningService b = RunningService.start(a.stores, a.redisDb, env)) {
            Seeder.Seeded t = a.seed("rl-shared", 1);
            List<Integer> codes = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                RunningService node = i % 2 == 0 ? a : b;
                codes.add(node.as(t.readerKey()).get("/api/v1/drifts").statusCode());
            }
            assertEquals(List.of(200, 200, 200, 200, 429, 429), codes);
        }
    }

    @Test
    void badLimitRefusesToStart() {
        ConfigErrors.assertConfigError(Map.of("DRIFTSENTRY_RATE_LIMIT_IP", "lots"), "DRIFTSENTRY_RATE_LIMIT_IP");
    }

    private static List<Integer> statuses(RunningService api, String key, int n) {
        List<Integer> codes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            codes.add(api.as(key).get("/api/v1/drifts").statusCode());
        }
        return codes;
    }
}
