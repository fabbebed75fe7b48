package com.driftsentry.reference;

import static io.restassured.RestAssured.given;

import com.driftsentry.reference.config.ServiceConfig;
import com.driftsentry.reference.embedded.EmbeddedStores;
import com.driftsentry.reference.seed.Seeder;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real reference service on a free port, on the shared embedded stores. Each instance gets
 * its own Redis database so rate-limit buckets and cached summaries of one test class cannot
 * leak into another; instances that must share state (several replicas) pass the same one.
 */
final class RunningService implements AutoCloseable {
    private static final AtomicInteger NEXT_DB = new AtomicInteger();

    final ReferenceService service;
    final EmbeddedStores stores;
    final int redisDb;

    private RunningService(ReferenceService service, EmbeddedStores stores, int redisDb) {
        this.service = service;
        this.stores = stores;
        this.redisDb = redisDb;
    }

    static RunningService start(Map<String, String> env) {
        EmbeddedStores stores = TestStores.shared();
        int db = 1 + NEXT_DB.getAndIncrement() % 15;
        flush(stores, db);
        return start(stores, db, env);
    }

    static RunningService start(EmbeddedStores stores, int redisDb, Map<String, String> env) {
        Map<String, String> all = new HashMap<>();
        all.put("PORT", "0");
        all.put("DRIFTSENTRY_SHUTDOWN_TIMEOUT", "5s");
        all.putAll(env);
        ServiceConfig config = ServiceConfig.fromEnvironment(all)
                .withStores(stores.databaseUrl(), stores.redisUrl() + "/" + redisDb);
        return new RunningService(ReferenceService.start(config), stores, redisDb);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + service.port();
    }

    Seeder.Seeded seed(String tenant, int drifts) {
        return new Seeder(service.database()).seed(tenant, drifts, tenant.hashCode());
    }

    RequestSpecification as(String apiKey) {
        return anonymous().header("X-API-Key", apiKey);
    }

    RequestSpecification anonymous() {
        return given().baseUri(baseUrl()).relaxedHTTPSValidation();
    }

    static void flush(EmbeddedStores stores, int db) {
        RedisClient client = RedisClient.create(stores.redisUrl() + "/" + db);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().flushdb();
        } finally {
            client.shutdown();
        }
    }

    @Override
    public void close() {
        service.close();
    }
}
