package com.driftsentry.reference.health;

import com.driftsentry.reference.store.Database;
import com.driftsentry.reference.store.Redis;
import io.javalin.Javalin;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code /health/live}: the process answers, with its version. {@code /health/ready}: it can
 * serve, i.e. PostgreSQL and Redis both answer; otherwise 503 naming what failed.
 */
public final class HealthRoutes {
    private final String version;
    private final Instant started = Instant.now();
    private final Database database;
    private final Redis redis;
    private final boolean neverReady;
    private final BooleanSupplier draining;

    public HealthRoutes(String version, Database database, Redis redis, boolean neverReady, BooleanSupplier draining) {
        this.version = version;
        this.database = database;
        this.redis = redis;
        this.neverReady = neverReady;
        this.draining = draining;
    }

    public void register(Javalin app) {
        app.get("/health/live", ctx -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "ok");
            body.put("version", version);
            body.put("uptimeSeconds", Duration.between(started, Instant.now()).toSeconds());
            ctx.json(body);
        });
        app.get("/health/ready", ctx -> {
            Map<String, String> checks = new LinkedHashMap<>();
            checks.put("postgres", database.isReachable() ? "ok" : "unreachable");
            checks.put("redis", redis.isReachable() ? "ok" : "unreachable");
            if (neverReady) {
                checks.put("fault", "DRIFTSENTRY_FAULT_NEVER_READY is set");
            }
            if (draining.getAsBoolean()) {
                checks.put("shutdown", "draining");
            }
            boolean ready = checks.values().stream().allMatch("ok"::equals);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", ready ? "ready" : "unavailable");
            body.put("version", version);
            body.put("checks", checks);
            ctx.status(ready ? 200 : 503).json(body);
        });
    }
}
