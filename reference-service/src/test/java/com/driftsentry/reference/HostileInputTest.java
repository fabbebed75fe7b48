package com.driftsentry.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.reference.seed.Seeder;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Inputs an attacker or a buggy client would send: every answer is a deliberate 2xx/4xx, never a 5xx or a stack trace. */
class HostileInputTest {
    static RunningService api;
    static Seeder.Seeded tenant;

    @BeforeAll
    static void start() {
        api = RunningService.start(Map.of());
        tenant = api.seed("hostile", 5);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static final List<String> STRINGS = List.of("' OR 1=1 --", "'; DROP TABLE drifts; --", "\\u0000", "\u0000nul", "日本語のリソース",
            "\u202eevil", "😀🔥", "<script>alert(1)</script>", "%00%27", "${jndi:ldap://x}", "a".repeat(600), " ", "\uD800");

    static final List<String> NUMBERS = List.of("1e400", "-1e400", "123456789012345678901234567890", "0.001", "NaN", "1" + "0".repeat(200),
            "9223372036854775808", "-0", "1E-400");

    @Test
    void noHostileDriftReportIsA5xx() {
        List<String> bodies = new ArrayList<>();
        for (String s : STRINGS) {
            String quoted = "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\u0000", "\\u0000") + "\"";
            bodies.add("{\"resourceType\":" + quoted + ",\"resourceId\":\"r\",\"region\":\"us-east-1\",\"severity\":\"low\",\"expectedState\":{},\"actualState\":{}}");
            bodies.add("{\"resourceType\":\"t\",\"resourceId\":" + quoted + ",\"region\":\"us-east-1\",\"severity\":\"low\",\"expectedState\":{},\"actualState\":{}}");
            bodies.add("{\"resourceType\":\"t\",\"resourceId\":\"r\",\"region\":" + quoted + ",\"severity\":\"low\",\"expectedState\":{},\"actualState\":{}}");
            bodies.add("{\"resourceType\":\"t\",\"resourceId\":\"r\",\"region\":\"us-east-1\",\"severity\":" + quoted + ",\"expectedState\":{},\"actualState\":{}}");
            bodies.add("{\"resourceType\":\"t\",\"resourceId\":\"r\",\"region\":\"us-east-1\",\"severity\":\"low\",\"expectedState\":{\"k\":" + quoted + "},\"actualState\":{" + quoted + ":1}}");
        }
        for (String n : NUMBERS) {
            bodies.add("{\"resourceType\":\"t\",\"resourceId\":\"r\",\"region\":\"us-east-1\",\"severity\":\"low\",\"expectedState\":{},\"actualState\":{\"n\":" + n + "},\"monthlyCostDeltaUsd\":" + n + "}");
        }
        bodies.add("{\"resourceType\":\"t\",\"resourceId\":\"r\",\"region\":\"us-east-1\",\"severity\":\"low\",\"expectedState\":" + "[".repeat(5000) + "]".repeat(5000) + ",\"actualState\":{}}");
        bodies.add("{\"resourceType\":\"t\",\"resourceId\":\"r\",\"region\":\"us-east-1\",\"severity\":\"low\",\"expectedState\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(40) + ",\"actualState\":{}}");
        bodies.add("{\"detectedAt\":\"99999-01-01T00:00:00Z\",\"resourceType\":\"t\",\"resourceId\":\"r\",\"region\":\"us-east-1\",\"severity\":\"low\",\"expectedState\":{},\"actualState\":{}}");
        bodies.add("[]");
        bodies.add("null");
        bodies.add("\"just a string\"");
        bodies.add("{\"resourceType\":[1,2],\"resourceId\":{},\"region\":true,\"severity\":1,\"expectedState\":\"x\",\"actualState\":[]}");

        int accepted = 0;
        for (String body : bodies) {
            Response r = api.as(tenant.adminKey()).contentType("application/json; charset=utf-8").body(body).post("/api/v1/drifts");
            assertTrue(r.statusCode() < 500, "5xx for body " + abbreviate(body) + ": " + r.asString());
            assertFalse(r.asString().contains("Exception") || r.asString().contains("\tat "), "internals leaked: " + r.asString());
            if (r.statusCode() == 201) {
                accepted++;
            }
        }
        assertTrue(accepted > 0, "some hostile but valid strings (unicode, SQL-looking) are simply stored");
    }

    @Test
    void noHostileQueryOrPathIsA5xx() {
        for (String s : STRINGS) {
            for (String param : List.of("severity", "status", "limit", "cursor")) {
                int code = api.as(tenant.readerKey()).urlEncodingEnabled(true).queryParam(param, s).get("/api/v1/drifts").statusCode();
                assertTrue(code < 500, param + "=" + abbreviate(s) + " gave " + code);
            }
            String encoded = java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
            int code = api.as(tenant.readerKey()).urlEncodingEnabled(false).get("/api/v1/drifts/" + encoded).statusCode();
            assertTrue(code < 500, "id " + abbreviate(s) + " gave " + code);
        }
    }

    @Test
    void sqlLookingValuesAreStoredVerbatim() {
        String id = api.as(tenant.adminKey()).contentType("application/json")
                .body("{\"resourceType\":\"t\",\"resourceId\":\"'; DROP TABLE drifts; --\",\"region\":\"us-east-1\",\"severity\":\"low\",\"expectedState\":{},\"actualState\":{}}")
                .post("/api/v1/drifts").then().statusCode(201).extract().path("id");
        assertEquals("'; DROP TABLE drifts; --", api.as(tenant.readerKey()).get("/api/v1/drifts/" + id).path("resourceId"));
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
