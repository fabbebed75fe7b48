package com.driftsentry.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.reference.seed.Seeder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The per-address limits behind a proxy, against the service itself: a client that rotates what it
 * writes into X-Forwarded-For or Forwarded is still one client. The test client connects directly,
 * so it plays the trusted proxy: the entry it appends on the right is the "real" client.
 */
class ProxiedClientsTest {
    static final String UNKNOWN_KEY = "dsk_unknown0_" + "A".repeat(32);

    @Test
    void rotatingForwardedForDoesNotEscapeTheFailedAuthenticationLockout() {
        try (RunningService api = RunningService.start(Map.of("DRIFTSENTRY_TRUST_PROXY", "true"))) {
            List<Integer> codes = new ArrayList<>();
            for (int n = 1; n <= 30; n++) {
                codes.add(api.as(UNKNOWN_KEY).header("X-Forwarded-For", "203.0.113." + n + ", 127.0.0.1").get("/api/v1/drifts").statusCode());
            }
            assertEquals(List.of(401, 401, 401, 401, 401, 401, 401, 401, 401, 401), codes.subList(0, 10), codes.toString());
            assertTrue(codes.subList(10, 30).stream().allMatch(c -> c == 429), "the 11th and later are throttled: " + codes);
        }
    }

    @Test
    void rotatingForwardedForDoesNotEscapeThePerAddressLimit() {
        try (RunningService api = RunningService.start(Map.of("DRIFTSENTRY_TRUSTED_PROXIES", "10.0.0.0/8", "DRIFTSENTRY_RATE_LIMIT_IP", "20/1m"))) {
            Seeder.Seeded t = api.seed("proxied", 1);
            List<Integer> codes = new ArrayList<>();
            for (int n = 1; n <= 25; n++) {
                // The peer (127.0.0.1) is not a trusted proxy: whatever it writes is its own word.
                codes.add(api.as(t.readerKey()).header("X-Forwarded-For", "203.0.113." + n).header("Forwarded", "for=198.51.100." + n)
                        .get("/api/v1/drifts").statusCode());
            }
            assertEquals(20, codes.stream().filter(c -> c == 200).count(), codes.toString());
            assertEquals(List.of(429, 429, 429, 429, 429), codes.subList(20, 25), codes.toString());
        }
    }

    @Test
    void withoutAnyForwardingHeaderThePeerIsLimited() {
        try (RunningService api = RunningService.start(Map.of("DRIFTSENTRY_TRUST_PROXY", "true", "DRIFTSENTRY_RATE_LIMIT_IP", "3/1m"))) {
            Seeder.Seeded t = api.seed("no-header", 1);
            List<Integer> codes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                codes.add(api.as(t.readerKey()).get("/api/v1/drifts").statusCode());
            }
            assertEquals(List.of(200, 200, 200, 429), codes);
        }
    }
}
