package com.driftsentry.reference;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.reference.http.SecurityHeaders;
import com.driftsentry.reference.seed.Seeder;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpHardeningTest {
    static final String ALLOWED = "https://app.driftsentry.example";
    static RunningService api;
    static Seeder.Seeded tenant;

    @BeforeAll
    static void start() {
        api = RunningService.start(Map.of("DRIFTSENTRY_CORS_ORIGINS", ALLOWED + ", https://admin.driftsentry.example",
                "DRIFTSENTRY_MAX_BODY_BYTES", "4096"));
        tenant = api.seed("hardening", 5);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health/live", "/api/v1/drifts", "/api/v1/nope", "/metrics"})
    void everyResponseCarriesTheSecurityHeaders(String path) {
        Response r = api.as(tenant.readerKey()).get(path);
        SecurityHeaders.ALL.forEach((name, value) -> r.then().header(name, value));
        r.then().header("X-Frame-Options", "DENY").header("Server", nullValue()).header("X-Request-Id", notNullValue());
    }

    @Test
    void theServiceIsBoundToLoopbackOnly() {
        assertEquals("127.0.0.1", api.service.host(), "an embedded release and its seeded admin key are not reachable from other hosts");
    }

    @ParameterizedTest
    @ValueSource(ints = {20_000, 70_000})
    void errorsTheHttpServerAnswersItselfAreProblemJsonWithTheSecurityHeaders(int headerBytes) {
        Response r = api.anonymous().header("X-Padding", "a".repeat(headerBytes)).get("/health/live");
        r.then().statusCode(431).contentType("application/problem+json").body("status", equalTo(431))
                .body("title", equalTo("Request Header Fields Too Large")).body(not(containsString("<h1>")));
        SecurityHeaders.ALL.forEach((name, value) -> r.then().header(name, value));
        Response longUri = api.anonymous().get("/health/live?q=" + "b".repeat(headerBytes));
        assertTrue(longUri.statusCode() == 414 || longUri.statusCode() == 431, "status " + longUri.statusCode());
        longUri.then().contentType("application/problem+json");
    }

    @Test
    void unauthenticatedErrorsCarryTheHeadersToo() {
        Response r = api.anonymous().get("/api/v1/drifts");
        r.then().statusCode(401);
        SecurityHeaders.ALL.forEach((name, value) -> r.then().header(name, value));
    }

    @Test
    void corsAllowsListedOriginsOnly() {
        api.as(tenant.readerKey()).header("Origin", ALLOWED).get("/api/v1/drifts").then().statusCode(200)
                .header("Access-Control-Allow-Origin", ALLOWED).header("Vary", containsString("Origin"));
        api.as(tenant.readerKey()).header("Origin", "https://evil.example").get("/api/v1/drifts").then()
                .header("Access-Control-Allow-Origin", nullValue());
        api.anonymous().header("Origin", ALLOWED).header("Access-Control-Request-Method", "POST").options("/api/v1/drifts").then()
                .statusCode(204).header("Access-Control-Allow-Origin", ALLOWED)
                .header("Access-Control-Allow-Headers", containsString("X-API-Key"));
        api.anonymous().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/v1/drifts").then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void requestIdIsEchoedWhenSafeAndReplacedWhenNot() {
        api.anonymous().header("X-Request-Id", "ci-run-7.step_2").get("/health/live").then().header("X-Request-Id", "ci-run-7.step_2");
        api.anonymous().header("X-Request-Id", "bad id\u00e9<script>").get("/health/live").then()
                .header("X-Request-Id", not(containsString("script")));
    }

    @Test
    void malformedJsonIsA400Problem() {
        post("{\"resourceType\": ").then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Bad Request")).body("requestId", notNullValue()).body("instance", equalTo("/api/v1/drifts"));
    }

    @Test
    void unknownEnumValueIsNamed() {
        post(DriftBodies.drift("sg-x", "apocalyptic")).then().statusCode(400).body("detail", containsString("severity"));
    }

    @Test
    void oversizedBodyIs413ByLengthOrWhileStreaming() {
        String big = "{\"resourceType\":\"" + "a".repeat(5000) + "\"}";
        post(big).then().statusCode(413).contentType("application/problem+json");
        api.as(tenant.adminKey()).contentType("application/json").body(new ByteArrayInputStream(big.getBytes()))
                .post("/api/v1/drifts").then().statusCode(413);
    }

    @Test
    void wrongContentTypeIs415() {
        api.as(tenant.adminKey()).contentType("text/plain").body(DriftBodies.drift("sg-x", "low")).post("/api/v1/drifts")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void unsupportedMethodIs405Problem() {
        api.as(tenant.adminKey()).put("/api/v1/drifts").then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void metricsExposeRequestsCachePoolAndNoSecrets() {
        api.as(tenant.readerKey()).get("/api/v1/drifts").then().statusCode(200);
        api.anonymous().get("/metrics").then().statusCode(200).contentType(containsString("text/plain"))
                .body(containsString("http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/drifts\",status=\"200\"}"))
                .body(containsString("hikaricp_connections_active"))
                .body(containsString("driftsentry_cache_requests_total"))
                .body(not(containsString(tenant.readerKey())));
    }

    private Response post(String body) {
        return api.as(tenant.adminKey()).contentType("application/json").body(body).post("/api/v1/drifts");
    }
}
