package com.driftsentry.gate.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.suite.StageAccess;
import io.restassured.response.Response;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Guessing keys is throttled: failed authentications from this address end in 429 with
 * Retry-After, while the smoke key, already verified, keeps working. Runs last: afterwards this
 * address gets 429 for unknown keys until the window refills (a minute by default).
 */
@Tag("ratelimit")
@Order(99)
class RateLimitSmoke {
    // Far above the default tier (10 per minute); the loop stops at the first 429.
    private static final int MAX_ATTEMPTS = 60;

    @Test
    void failedAuthenticationsAreLimitedWithoutLockingOutTheSmokeKey() {
        String key = StageAccess.key();
        assertEquals(200, summary(key).statusCode(), "the smoke key must work before the check");
        Response limited = null;
        int attempts = 0;
        while (limited == null && attempts < MAX_ATTEMPTS) {
            attempts++;
            String guess = String.format("dsk_smokeGuess_%032d", attempts);
            Response r = Smoke.HTTP.anonymous().header("X-API-Key", guess).get("/api/v1/dashboard/summary");
            if (r.statusCode() == 429) {
                limited = r;
            } else {
                assertEquals(401, r.statusCode(), "guess " + attempts + " answered " + r.statusCode() + ", expected 401 or 429");
            }
        }
        assertTrue(limited != null, MAX_ATTEMPTS + " failed authentications in a row were never limited (no 429)");
        AuthSmoke.expectProblem(limited, 429, "the limited guess");
        String retryAfter = limited.header("Retry-After");
        assertTrue(retryAfter != null && retryAfter.matches("[1-9]\\d*"), "429 without a positive Retry-After (got " + retryAfter + ")");
        Response after = summary(key);
        assertEquals(200, after.statusCode(), "the smoke key was locked out too: " + after.statusCode() + " after " + attempts + " failed guesses");
    }

    private static Response summary(String key) {
        return Smoke.HTTP.as(key).get("/api/v1/dashboard/summary");
    }
}
