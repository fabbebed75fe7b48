package com.driftsentry.reference;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.reference.embedded.EmbeddedStores;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Start, signals, crashes and bad input of the packaged jar, and the processes it leaves (none). */
class ProcessLifecycleIT {
    static EmbeddedStores stores;
    static Set<Long> before;

    @BeforeAll
    static void start() {
        stores = EmbeddedStores.start();
        before = ServiceProcess.storeProcesses();
    }

    @AfterAll
    static void stop() {
        stores.close();
    }

    @Test
    void sigtermLetsInFlightRequestsFinishThenExits() throws Exception {
        Path keys = freshKeysFile();
        Map<String, String> env = Map.of(
                "DATABASE_URL", "postgres://postgres:postgres@127.0.0.1:" + port(stores.databaseUrl().jdbcUrl()) + "/postgres",
                "REDIS_URL", stores.redisUrl(),
                "DRIFTSENTRY_FAULT_LATENCY_MS", "2000", "DRIFTSENTRY_FAULT_ROUTES", "/api/v1/dashboard");
        try (ServiceProcess service = ServiceProcess.start(env, "--port", "0", "--seed", "3", "--keys-out", keys.toString())) {
            JsonNode k = service.awaitKeys(keys);
            String base = k.get("baseUrl").asText();
            given().baseUri(base).get("/health/ready").then().statusCode(200);
            // The request is written on this thread before the signal, so it is surely in flight
            // (a client started on another thread could still be connecting when SIGTERM closes the port).
            java.net.URI uri = java.net.URI.create(base);
            java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort());
            socket.getOutputStream().write(("GET /api/v1/dashboard/summary HTTP/1.1\r\nHost: " + uri.getHost()
                    + "\r\nX-API-Key: " + k.get("readerKey").asText() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            CompletableFuture<Integer> slow = CompletableFuture.supplyAsync(() -> statusOf(socket));
            // The service has begun it: in flight beside the scrape that asks (no sleep guesses how long that takes).
            org.awaitility.Awaitility.await("the slow request in flight").atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> inFlight(given().baseUri(base).get("/metrics").asString()) >= 2);
            long signalled = System.nanoTime();
            service.process.destroy();

            assertEquals(200, slow.get(10, TimeUnit.SECONDS), "the in-flight request finished");
            assertTrue(service.process.waitFor(15, TimeUnit.SECONDS), "exited after draining");
            long tookMs = (System.nanoTime() - signalled) / 1_000_000;
            assertTrue(tookMs >= 1_000, "it waited for the request (" + tookMs + " ms)");
            assertEquals(143, service.process.exitValue(), "terminated by SIGTERM, not crashed");
        }
    }

    @Test
    void sigkillOfTheEmbeddedServiceLeavesNoPostgresOrRedis() throws Exception {
        Path keys = freshKeysFile();
        try (ServiceProcess service = ServiceProcess.start(Map.of(), "--embedded", "--port", "0", "--seed", "1", "--keys-out", keys.toString())) {
            service.awaitKeys(keys);
            Set<Long> started = new HashSet<>(ServiceProcess.storeProcesses());
            started.removeAll(before);
            assertTrue(started.size() >= 2, "embedded postgres and redis were running: " + started);

            service.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(20)).until(() -> started.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
        }
    }

    @Test
    void crashFaultExitsNonZeroAfterItsDelayAndCleansUp() throws Exception {
        Path keys = freshKeysFile();
        try (ServiceProcess service = ServiceProcess.start(Map.of("DRIFTSENTRY_FAULT_CRASH_AFTER_S", "3"),
                "--embedded", "--port", "0", "--keys-out", keys.toString(), "--seed", "0")) {
            JsonNode k = service.awaitKeys(keys);
            given().baseUri(k.get("baseUrl").asText()).get("/health/live").then().statusCode(200);
            assertTrue(service.process.waitFor(30, TimeUnit.SECONDS), "crashed");
            assertEquals(70, service.process.exitValue());
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                Set<Long> now = ServiceProcess.storeProcesses();
                now.removeAll(before);
                return now.isEmpty();
            });
        }
    }

    @Test
    void malformedSettingRefusesToStartWithOneLineAndExit3() throws Exception {
        try (ServiceProcess service = ServiceProcess.start(Map.of("DRIFTSENTRY_FAULT_ERROR_RATE", "lots"), "--embedded", "--port", "0")) {
            assertTrue(service.process.waitFor(20, TimeUnit.SECONDS));
            assertEquals(3, service.process.exitValue());
            String err = service.stderr().strip();
            assertTrue(err.startsWith("driftsentry-reference: DRIFTSENTRY_FAULT_ERROR_RATE=lots"), err);
            assertTrue(err.contains("fix:") && !err.contains("\n"), err);
            Set<Long> now = ServiceProcess.storeProcesses();
            now.removeAll(before);
            assertTrue(now.isEmpty(), "nothing was started: " + now);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--embeded|--embeded",
            "--embedded --port 99999|--port 99999 is not a port",
            "--embedded --port abc|'--port'",
            "--embedded --seed -1|--seed -1 is negative",
            "--embedded --seed 1 --keys-out /nonexistent/dir/keys.json|--keys-out /nonexistent/dir/keys.json",
            "seed --drifts -3|--drifts -3 is negative"})
    void brokenArgumentsAreOneLineAndExit3BeforeAnythingStarts(String args, String named) throws Exception {
        try (ServiceProcess service = ServiceProcess.start(Map.of(), args.split(" "))) {
            assertTrue(service.process.waitFor(20, TimeUnit.SECONDS));
            assertEquals(3, service.process.exitValue(), service.stderr());
            String err = service.stderr().strip();
            assertTrue(err.startsWith("driftsentry-reference: ") && err.contains(named) && !err.contains("\n"), err);
            Set<Long> now = ServiceProcess.storeProcesses();
            now.removeAll(before);
            assertTrue(now.isEmpty(), "nothing was started: " + now);
        }
    }

    @Test
    void seedCommandPrintsTheKeysOnceAndTheyWork() throws Exception {
        String db = "postgres://postgres:postgres@127.0.0.1:" + port(stores.databaseUrl().jdbcUrl()) + "/postgres";
        try (ServiceProcess seed = ServiceProcess.start(Map.of("DATABASE_URL", db), "seed", "--drifts", "25", "--tenant", "it-seed")) {
            assertTrue(seed.process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, seed.process.exitValue(), seed.stderr());
            JsonNode k = new com.fasterxml.jackson.databind.ObjectMapper().readTree(seed.stdout().substring(seed.stdout().indexOf('{')));
            assertEquals(25, k.get("drifts").asInt());
            assertTrue(k.get("adminKey").asText().startsWith("dsk_"));
            assertFalse(seed.stderr().contains(k.get("adminKey").asText()), "keys are printed once, on stdout only");
            assertEquals(1, seed.stdout().split(k.get("readerKey").asText(), -1).length - 1, "printed exactly once");
        }
    }

    @Test
    void seedWithoutDatabaseIsBadInput() throws Exception {
        try (ServiceProcess seed = ServiceProcess.start(Map.of(), "seed")) {
            assertTrue(seed.process.waitFor(20, TimeUnit.SECONDS));
            assertEquals(3, seed.process.exitValue());
            assertTrue(seed.stderr().contains("DATABASE_URL is not set"), seed.stderr());
        }
    }

    private static int statusOf(java.net.Socket socket) {
        try (socket) {
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path freshKeysFile() throws java.io.IOException {
        return java.nio.file.Files.createTempDirectory(Path.of("target"), "keys-").resolve("keys.json");
    }

    private static String port(String jdbcUrl) {
        return jdbcUrl.replaceAll(".*:(\\d+)/.*", "$1");
    }

    private static double inFlight(String scrape) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^http_server_requests_in_flight\\S* ([0-9.]+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
