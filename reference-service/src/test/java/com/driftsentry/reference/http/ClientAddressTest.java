package com.driftsentry.reference.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.reference.config.ConfigException;
import com.driftsentry.reference.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    static ClientAddress of(Map<String, String> env) {
        return ClientAddress.fromSettings(new Settings(env));
    }

    @Test
    void withoutTrustedProxiesThePeerIsTheClientWhateverTheHeaderSays() {
        ClientAddress direct = of(Map.of());
        assertEquals("198.51.100.7", direct.of("198.51.100.7", "203.0.113.1, 10.0.0.1"));
        assertEquals("198.51.100.7", direct.of("198.51.100.7", null));
    }

    @Test
    void trustedByAddressTheClientIsTheRightmostEntryThatIsNotAProxy() {
        ClientAddress behindAlb = of(Map.of("DRIFTSENTRY_TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.10"));
        assertEquals("198.51.100.7", behindAlb.of("10.0.3.4", "198.51.100.7"), "the load balancer appended the real client");
        for (int n = 1; n <= 5; n++) {
            assertEquals("198.51.100.7", behindAlb.of("10.0.3.4", "203.0.113." + n + ", 198.51.100.7"),
                    "what the client wrote to the left is ignored, however it rotates");
        }
        assertEquals("198.51.100.7", behindAlb.of("10.0.3.4", "198.51.100.7, 192.0.2.10"), "two trusted hops are walked past");
        assertEquals("198.51.100.9", behindAlb.of("198.51.100.9", "203.0.113.1"), "a peer that is not a proxy wrote the header itself");
        assertEquals("10.0.3.4", behindAlb.of("10.0.3.4", null), "no header: the proxy's own request (a health check)");
        assertEquals("10.0.0.9", behindAlb.of("10.0.3.4", "10.0.0.9"), "every entry trusted: the leftmost");
    }

    @Test
    void trustedByCountTheClientIsThatManyEntriesFromThePeer() {
        ClientAddress oneHop = of(Map.of("DRIFTSENTRY_TRUSTED_PROXY_HOPS", "1"));
        assertEquals("127.0.0.1", oneHop.of("127.0.0.1", "203.0.113.8, 127.0.0.1"));
        assertEquals("198.51.100.7", oneHop.of("10.0.0.1", "198.51.100.7"));
        assertEquals("10.0.0.1", oneHop.of("10.0.0.1", "  "));
        ClientAddress legacy = of(Map.of("DRIFTSENTRY_TRUST_PROXY", "true"));
        assertEquals("127.0.0.1", legacy.of("127.0.0.1", "203.0.113.8, 127.0.0.1"), "DRIFTSENTRY_TRUST_PROXY=true is one hop");
        ClientAddress twoHops = of(Map.of("DRIFTSENTRY_TRUSTED_PROXY_HOPS", "2"));
        assertEquals("198.51.100.7", twoHops.of("10.0.0.1", "203.0.113.8, 198.51.100.7, 10.0.0.2"));
        assertEquals("198.51.100.7", twoHops.of("10.0.0.1", "198.51.100.7"), "a shorter chain: its leftmost entry");
    }

    @Test
    void entriesThatAreNotAddressesAreNeverLookedUpAndNeverTrusted() {
        ClientAddress behindAlb = of(Map.of("DRIFTSENTRY_TRUSTED_PROXIES", "10.0.0.0/8,fd00::/8"));
        assertEquals("evil.example", behindAlb.of("10.0.3.4", "198.51.100.7, evil.example"));
        assertEquals("999.1.1.1", behindAlb.of("10.0.3.4", "999.1.1.1"));
        assertEquals("2001:db8::1", behindAlb.of("fd00::5", "2001:db8::1"));
        String huge = "203.0.113.1, ".repeat(5_000) + "198.51.100.7";
        assertEquals("198.51.100.7", behindAlb.of("10.0.3.4", huge), "a header of thousands of entries is read from its right end");
    }

    @Test
    void aBadProxySettingIsOneLineWithTheFix() {
        ConfigException bad = assertThrows(ConfigException.class, () -> of(Map.of("DRIFTSENTRY_TRUSTED_PROXIES", "10.0.0.0/33")));
        assertTrue(bad.getMessage().startsWith("DRIFTSENTRY_TRUSTED_PROXIES: '10.0.0.0/33'") && bad.getMessage().contains("fix:"), bad.getMessage());
        ConfigException both = assertThrows(ConfigException.class, () -> of(Map.of("DRIFTSENTRY_TRUSTED_PROXIES", "10.0.0.0/8",
                "DRIFTSENTRY_TRUSTED_PROXY_HOPS", "1")));
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
        assertThrows(ConfigException.class, () -> of(Map.of("DRIFTSENTRY_TRUSTED_PROXIES", "lb.internal")));
    }
}
