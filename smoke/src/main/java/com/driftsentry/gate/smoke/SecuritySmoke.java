package com.driftsentry.gate.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.suite.Stage;
import com.driftsentry.gate.suite.StageAccess;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Browser-facing protections on successes and errors alike, the CORS allow-list both ways, and
 * nothing about the implementation leaking out of an error.
 */
@Tag("security")
@Order(4)
class SecuritySmoke {
    private static final String REFUSED_ORIGIN = "https://refused-origin.invalid";
    private static final Pattern LEAK = Pattern.compile("(Exception|\\bat (java|javax|jakarta|org|com|io|kotlin)\\.|\\.java:\\d+|SQLSTATE|stack ?trace)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern VERSIONED = Pattern.compile(".*\\d+\\.\\d+.*");

    private record Probe(String name, Function<RequestSpecification, Response> call) {
    }

    /** A success, an authentication error and a missing route: the headers must be on all three. */
    private static final List<Probe> PROBES = List.of(
            new Probe("GET /health/live", r -> r.get("/health/live")),
            new Probe("GET /api/v1/drifts without a key", r -> r.get("/api/v1/drifts")),
            new Probe("GET /no-such-route", r -> r.get("/no-such-route")));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "Content-Security-Policy; default-src 'none'",
            "Strict-Transport-Security; max-age=",
            "X-Frame-Options; DENY",
            "X-Content-Type-Options; nosniff",
            "Referrer-Policy; no-referrer"})
    void securityHeaderOnEveryResponse(String header, String mustContain) {
        for (Probe probe : PROBES) {
            Response r = probe.call().apply(Smoke.HTTP.anonymous());
            String value = r.header(header);
            String where = "response " + r.statusCode() + " to " + probe.name();
            assertNotNull(value, header + " is missing on the " + where);
            assertTrue(value.contains(mustContain), header + " is '" + value + "' on the " + where + ", expected it to contain " + mustContain);
        }
    }

    @Test
    void allowedOriginGetsCors() {
        Optional<String> origin = Stage.current().smoke().allowedOrigin();
        Assumptions.assumeTrue(origin.isPresent(), "gates.smoke.allowedOrigin is not set, so the allowed side of CORS is not checked");
        Response r = preflight(origin.get());
        assertEquals(204, r.statusCode(), "the preflight from allowed origin " + origin.get() + " answered " + r.statusCode());
        assertEquals(origin.get(), r.header("Access-Control-Allow-Origin"), "Access-Control-Allow-Origin for an allowed origin");
    }

    @Test
    void refusedOriginGetsNoCors() {
        Response pre = preflight(REFUSED_ORIGIN);
        assertTrue(pre.statusCode() >= 400, "the preflight from " + REFUSED_ORIGIN + " answered " + pre.statusCode() + ", expected a refusal");
        assertNull(pre.header("Access-Control-Allow-Origin"), "a refused origin's preflight carries Access-Control-Allow-Origin");
        Response get = Smoke.HTTP.anonymous().header("Origin", REFUSED_ORIGIN).get("/health/live");
        assertNull(get.header("Access-Control-Allow-Origin"), "a response to " + REFUSED_ORIGIN + " carries Access-Control-Allow-Origin");
    }

    @Test
    void errorsLeakNoStackTraceOrServerVersion() {
        List<Response> errors = List.of(
                Smoke.HTTP.anonymous().get("/no-such-route"),
                Smoke.HTTP.anonymous().delete("/health/live"),
                Smoke.HTTP.anonymous().header("X-API-Key", "x".repeat(70)).get("/api/v1/drifts"),
                Stage.current().apiKey().isPresent()
                        ? Smoke.HTTP.as(StageAccess.key()).queryParam("limit", "lots").get("/api/v1/drifts")
                        : Smoke.HTTP.anonymous().get("/api/v1/drifts/not-a-uuid"));
        for (Response r : errors) {
            assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, "an invalid request answered " + r.statusCode() + ", expected a 4xx");
            assertFalse(LEAK.matcher(r.asString()).find(), "a " + r.statusCode() + " body shows implementation details: " + cut(r.asString()));
            String server = r.header("Server");
            assertFalse(server != null && VERSIONED.matcher(server).matches(), "the Server header names a version: " + server);
            assertNull(r.header("X-Powered-By"), "X-Powered-By names the implementation: " + r.header("X-Powered-By"));
        }
    }

    private static Response preflight(String origin) {
        return Smoke.HTTP.anonymous().header("Origin", origin).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "X-API-Key").options("/api/v1/drifts");
    }

    private static String cut(String body) {
        String oneLine = body.replace('\n', ' ');
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
    }
}
