package com.driftsentry.gate.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.suite.StageAccess;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Nobody gets in without a valid key, and a reader key cannot change anything. */
@Tag("auth")
@Order(2)
class AuthSmoke {
    // Well-formed (so it takes the real verification path) but never issued.
    private static final String UNKNOWN_KEY = "dsk_smokeNoKey_00000000000000000000000000000000";

    @Test
    void noKeyIsRefused() {
        expectProblem(Smoke.HTTP.anonymous().get("/api/v1/drifts"), 401, "without X-API-Key");
    }

    @Test
    void unknownKeyIsRefused() {
        Response r = StageAccess.unlessThrottled(Smoke.HTTP.anonymous().header("X-API-Key", UNKNOWN_KEY).get("/api/v1/drifts"),
                "the 401 for an unknown key");
        expectProblem(r, 401, "with an unknown key");
    }

    @Test
    void smokeKeyReads() {
        Response r = Smoke.HTTP.as(StageAccess.key()).queryParam("limit", 1).get("/api/v1/drifts");
        assertEquals(200, r.statusCode(), "GET /api/v1/drifts with the smoke key answered " + r.statusCode());
    }

    @Test
    void readerCannotWrite() {
        Response r = StageAccess.unlessThrottled(Smoke.HTTP.as(StageAccess.readerKey()).contentType("application/json")
                .body(Map.of("resourceType", "driftsentry.smoke")).post("/api/v1/drifts"), "the 403 for a reader's write");
        expectProblem(r, 403, "POST /api/v1/drifts with a reader key");
    }

    static void expectProblem(Response r, int status, String what) {
        assertEquals(status, r.statusCode(), what + " answered " + r.statusCode() + ", expected " + status);
        String type = r.contentType();
        assertTrue(type != null && type.startsWith("application/problem+json"), what + ": content type " + type + ", expected problem+json");
    }
}
