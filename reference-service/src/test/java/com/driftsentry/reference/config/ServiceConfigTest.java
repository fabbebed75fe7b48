package com.driftsentry.reference.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceConfigTest {

    @Test
    void defaultsNeedNothing() {
        ServiceConfig c = ServiceConfig.fromEnvironment(Map.of());
        assertEquals(3002, c.port());
        assertEquals(new RateLimit(10, Duration.ofMinutes(1)), c.authFailureLimit());
        assertFalse(c.faults().any());
        assertNull(c.database());
        ConfigException e = assertThrows(ConfigException.class, c::requireStores);
        assertTrue(e.getMessage().startsWith("DATABASE_URL is not set"), e.getMessage());
    }

    @Test
    void theServiceListensOnLoopbackUnlessToldOtherwise() {
        assertEquals("127.0.0.1", ServiceConfig.fromEnvironment(Map.of()).bindAddress());
        assertEquals("0.0.0.0", ServiceConfig.fromEnvironment(Map.of("DRIFTSENTRY_BIND_ADDRESS", "0.0.0.0")).bindAddress());
        assertEquals("::1", ServiceConfig.fromEnvironment(Map.of("DRIFTSENTRY_BIND_ADDRESS", "::1")).bindAddress());
    }

    @Test
    void versionComesFromTheEnvironmentOrTheBuild() {
        assertEquals("1.4.2-rc1", ServiceConfig.fromEnvironment(Map.of("DRIFTSENTRY_VERSION", "1.4.2-rc1")).version());
        assertFalse(ServiceConfig.fromEnvironment(Map.of()).version().isBlank());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PORT|70000", "PORT|http", "DRIFTSENTRY_DB_POOL_SIZE|0", "DRIFTSENTRY_SUMMARY_CACHE_TTL|5 seconds",
            "DRIFTSENTRY_AUTH_CACHE_TTL|-1s", "DRIFTSENTRY_RATE_LIMIT_KEY|0/1s", "DRIFTSENTRY_RATE_LIMIT_KEY|10/0s",
            "DRIFTSENTRY_RATE_LIMIT_AUTH_FAILURES|10 per minute", "DRIFTSENTRY_TRUST_PROXY|perhaps",
            "DRIFTSENTRY_BIND_ADDRESS|everywhere", "DRIFTSENTRY_TRUSTED_PROXIES|10.0.0.0/99", "DRIFTSENTRY_TRUSTED_PROXY_HOPS|11",
            "DRIFTSENTRY_MAX_BODY_BYTES|1", "DATABASE_URL|mysql://db/x", "DATABASE_URL|postgres://host", "REDIS_URL|localhost:6379"})
    void badValuesAreOneLineNamingTheVariableAndTheFix(String variable, String value) {
        ConfigException e = assertThrows(ConfigException.class, () -> ServiceConfig.fromEnvironment(Map.of(variable, value)));
        assertTrue(e.getMessage().startsWith(variable), e.getMessage());
        assertTrue(e.getMessage().contains("fix:"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void rateAndDurationForms() {
        assertEquals(new RateLimit(100, Duration.ofSeconds(1)), RateLimit.parse("X", "100/1s"));
        assertEquals(new RateLimit(10, Duration.ofMinutes(1)), RateLimit.parse("X", "10/1m"));
        assertEquals(Duration.ofMillis(250), Settings.parseDuration("X", "250ms"));
        assertEquals(Duration.ofHours(2), Settings.parseDuration("X", "2h"));
    }

    @Test
    void databaseUrlAcceptsPlatformFormAndHidesThePassword() {
        DatabaseUrl url = DatabaseUrl.parse("DATABASE_URL", "postgres://drift:s3cr%40t-pw@db.internal:6543/driftsentry?sslmode=require");
        assertEquals("jdbc:postgresql://db.internal:6543/driftsentry?sslmode=require", url.jdbcUrl());
        assertEquals("drift", url.user());
        assertEquals("s3cr@t-pw", url.password());
        assertFalse(url.toString().contains("s3cr"), url.toString());
        ServiceConfig config = ServiceConfig.fromEnvironment(Map.of("DATABASE_URL", "postgres://u:topsecret@h/db"));
        assertFalse(config.toString().contains("topsecret"), "the whole config prints without the password");
    }

    @Test
    void aPasswordGivenApartFillsAUrlWithoutOneAsASecretStoreInjectsIt() {
        ServiceConfig config = ServiceConfig.fromEnvironment(Map.of("DATABASE_URL", "postgres://driftsentry@db.internal:5432/driftsentry",
                "DATABASE_PASSWORD", "from-secrets-manager"));
        assertEquals("driftsentry", config.database().user());
        assertEquals("from-secrets-manager", config.database().password());
        assertFalse(config.toString().contains("from-secrets-manager"), config.toString());
    }

    @Test
    void badDatabaseUrlMessageDoesNotEchoTheValue() {
        ConfigException e = assertThrows(ConfigException.class, () -> DatabaseUrl.parse("DATABASE_URL", "postgres://u:hunter2@"));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }
}
