package com.driftsentry.reference.config;

import com.driftsentry.reference.fault.FaultConfig;
import com.driftsentry.reference.http.ClientAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Everything the service reads from its environment, validated once at start. */
public record ServiceConfig(
        int port,
        String bindAddress,
        String version,
        DatabaseUrl database,
        String redisUrl,
        int dbPoolSize,
        List<String> corsOrigins,
        ClientAddress clientAddress,
        RateLimit ipLimit,
        RateLimit keyLimit,
        RateLimit authFailureLimit,
        Duration summaryCacheTtl,
        Duration authCacheTtl,
        int maxBodyBytes,
        Duration shutdownTimeout,
        FaultConfig faults) {

    public static final String DATABASE_URL = "DATABASE_URL";
    public static final String REDIS_URL = "REDIS_URL";
    /** The password alone, for platforms that inject it from a secret store (ECS from Secrets Manager) beside a URL without one. */
    public static final String DATABASE_PASSWORD = "DATABASE_PASSWORD";

    /** Reads the process environment; {@code port}, database and Redis may be overridden by the caller. */
    public static ServiceConfig fromEnvironment(Map<String, String> env) {
        Settings s = new Settings(env);
        String redisUrl = s.text(REDIS_URL).orElse(null);
        if (redisUrl != null && !redisUrl.startsWith("redis://") && !redisUrl.startsWith("rediss://")) {
            throw new ConfigException(REDIS_URL + " is not a Redis URL (fix: redis://host:6379)");
        }
        return new ServiceConfig(
                s.integer("PORT", 3002, 0, 65_535),
                bindAddress(s),
                s.text("DRIFTSENTRY_VERSION", buildVersion()),
                s.text(DATABASE_URL).map(v -> DatabaseUrl.parse(DATABASE_URL, v).withPassword(s.text(DATABASE_PASSWORD))).orElse(null),
                redisUrl,
                s.integer("DRIFTSENTRY_DB_POOL_SIZE", 10, 1, 200),
                s.list("DRIFTSENTRY_CORS_ORIGINS"),
                ClientAddress.fromSettings(s),
                s.rate("DRIFTSENTRY_RATE_LIMIT_IP", new RateLimit(1000, Duration.ofSeconds(1))),
                s.rate("DRIFTSENTRY_RATE_LIMIT_KEY", new RateLimit(500, Duration.ofSeconds(1))),
                s.rate("DRIFTSENTRY_RATE_LIMIT_AUTH_FAILURES", new RateLimit(10, Duration.ofMinutes(1))),
                s.duration("DRIFTSENTRY_SUMMARY_CACHE_TTL", Duration.ofSeconds(5)),
                s.duration("DRIFTSENTRY_AUTH_CACHE_TTL", Duration.ofSeconds(60)),
                s.integer("DRIFTSENTRY_MAX_BODY_BYTES", 64 * 1024, 1024, 16 * 1024 * 1024),
                s.duration("DRIFTSENTRY_SHUTDOWN_TIMEOUT", Duration.ofSeconds(20)),
                FaultConfig.from(s));
    }

    public ServiceConfig withPort(int newPort) {
        return new ServiceConfig(newPort, bindAddress, version, database, redisUrl, dbPoolSize, corsOrigins, clientAddress, ipLimit, keyLimit,
                authFailureLimit, summaryCacheTtl, authCacheTtl, maxBodyBytes, shutdownTimeout, faults);
    }

    /** The same, with one more origin on the CORS allow-list (the dashboard the embedded default serves beside it). */
    public ServiceConfig withCorsOrigin(String origin) {
        List<String> origins = new java.util.ArrayList<>(corsOrigins);
        origins.add(origin);
        return new ServiceConfig(port, bindAddress, version, database, redisUrl, dbPoolSize, List.copyOf(origins), clientAddress, ipLimit, keyLimit,
                authFailureLimit, summaryCacheTtl, authCacheTtl, maxBodyBytes, shutdownTimeout, faults);
    }

    public ServiceConfig withStores(DatabaseUrl newDatabase, String newRedisUrl) {
        return new ServiceConfig(port, bindAddress, version, newDatabase, newRedisUrl, dbPoolSize, corsOrigins, clientAddress, ipLimit, keyLimit,
                authFailureLimit, summaryCacheTtl, authCacheTtl, maxBodyBytes, shutdownTimeout, faults);
    }

    /** Fails with the variable to set when a store was neither configured nor embedded. */
    public ServiceConfig requireStores() {
        if (database == null) {
            throw new ConfigException(DATABASE_URL + " is not set (fix: set it to postgres://user:password@host:5432/database, or start with --embedded)");
        }
        if (redisUrl == null) {
            throw new ConfigException(REDIS_URL + " is not set (fix: set it to redis://host:6379, or start with --embedded)");
        }
        return this;
    }

    /**
     * Loopback unless told otherwise: a service started on a workstation or by the gates (with its
     * seeded admin key) is not reachable from other hosts. The container image opens it (0.0.0.0).
     */
    private static String bindAddress(Settings s) {
        String address = s.text("DRIFTSENTRY_BIND_ADDRESS", "127.0.0.1");
        if (!address.matches("[0-9.]+|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*")) {
            throw new ConfigException("DRIFTSENTRY_BIND_ADDRESS=" + address + " is not an IP address"
                    + " (fix: 127.0.0.1 for this host only, 0.0.0.0 for every interface)");
        }
        return address;
    }

    public static String buildVersion() {
        try (InputStream in = ServiceConfig.class.getResourceAsStream("/driftsentry-build.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
