package com.driftsentry.reference;

import static org.hamcrest.Matchers.equalTo;
import static org.awaitility.Awaitility.await;

import com.driftsentry.reference.embedded.EmbeddedStores;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Readiness follows the real stores: stop each, see 503 naming it, start it, see 200 again. Uses stores of its own. */
class ReadinessTest {
    static EmbeddedStores stores;
    static RunningService api;

    @BeforeAll
    static void start() {
        stores = EmbeddedStores.start();
        api = RunningService.start(stores, 0, Map.of());
    }

    @AfterAll
    static void stop() {
        api.close();
        stores.close();
    }

    @Test
    void redisDownIs503NamingRedisAndRecovers() throws IOException {
        ready();
        stores.stopRedis();
        try {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api.anonymous().get("/health/ready").then()
                    .statusCode(503).body("checks.redis", equalTo("unreachable")).body("checks.postgres", equalTo("ok")));
            api.anonymous().get("/health/live").then().statusCode(200);
        } finally {
            stores.startRedis();
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(ReadinessTest::ready);
    }

    @Test
    void postgresDownIs503NamingPostgresAndRecovers() throws Exception {
        ready();
        stopPostgres();
        try {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api.anonymous().get("/health/ready").then()
                    .statusCode(503).body("checks.postgres", equalTo("unreachable")).body("checks.redis", equalTo("ok")));
            api.anonymous().get("/health/live").then().statusCode(200);
        } finally {
            startPostgres();
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(ReadinessTest::ready);
    }

    static void ready() {
        api.anonymous().get("/health/ready").then().statusCode(200).body("status", equalTo("ready"));
    }

    /**
     * Stops PostgreSQL the way an outage would (fast shutdown of the postmaster). pg_ctl refuses
     * to run as root, so the signal is sent directly.
     */
    static void stopPostgres() throws Exception {
        long pid = Long.parseLong(Files.readAllLines(stores.postgresDataDir().resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor();
        postmaster.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Starts the postmaster again with the exact command line it recorded in postmaster.opts. */
    static void startPostgres() throws Exception {
        String opts = Files.readString(stores.postgresDataDir().resolve("postmaster.opts")).trim();
        // As root, postgres only starts inside a user namespace: the way the embedded library starts it.
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("unshare", "-U"));
        command.add(opts.substring(0, opts.indexOf(' ')));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"([^\"]*)\"").matcher(opts);
        while (m.find()) {
            command.add(m.group(1));
        }
        new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
