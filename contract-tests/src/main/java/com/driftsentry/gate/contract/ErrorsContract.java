package com.driftsentry.gate.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.suite.JsonBody;
import com.driftsentry.gate.suite.Stage;
import com.driftsentry.gate.suite.StageAccess;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The refusals are part of the contract too: 400, 401, 403, 404, 409, 413, 415, 422 and 429 are
 * each provoked and must come back as the documented status with a problem+json body and the
 * documented headers. Runs last: the 429 leaves this address throttled for unknown keys.
 */
@Tag("errors")
@Order(9)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ErrorsContract {

    @Test
    @Order(1)
    void badParametersAre400() {
        String key = StageAccess.key();
        expect(400, Contract.refused(key).queryParam("limit", 0).get("/api/v1/drifts"));
        expect(400, Contract.refused(key).queryParam("severity", "catastrophic").get("/api/v1/drifts"));
        expect(400, Contract.refused(key).queryParam("cursor", "not-a-cursor").get("/api/v1/drifts"));
    }

    @Test
    @Order(2)
    void badBodiesAre400And415And413() {
        String key = StageAccess.requireWrites();
        expect(400, Contract.refused(key).contentType("application/json").body("{\"resourceType\": ").post("/api/v1/drifts"));
        expect(400, Contract.refused(key).contentType("application/json").body(Map.of("resourceType", "x")).post("/api/v1/drifts"));
        expect(400, Contract.refused(key).contentType("application/json").body(Map.of("name", "x", "role", "owner")).post("/api/v1/keys"));
        expect(415, Contract.refused(key).contentType("text/plain").body("resourceType=x").post("/api/v1/drifts"));
        expect(413, Contract.refused(key).contentType("application/json")
                .body("{\"resourceType\": \"" + "x".repeat(70 * 1024) + "\"}").post("/api/v1/drifts"));
    }

    @Test
    @Order(3)
    void missingAndUnknownKeysAre401() {
        expect(401, Contract.refusedAnonymous().get("/api/v1/drifts"));
        expect(401, StageAccess.unlessThrottled(Contract.refusedAnonymous().header("X-API-Key", "dsk_contractNo_00000000000000000000000000000000")
                .get("/api/v1/drifts"), "the 401 for an unknown key"));
    }

    @Test
    @Order(4)
    void readersCannotWrite403() {
        expect(403, StageAccess.unlessThrottled(Contract.refused(StageAccess.readerKey()).contentType("application/json").body("{}")
                .post("/api/v1/drifts"), "the 403 for a reader's write"));
    }

    @Test
    @Order(5)
    void unknownResourcesAre404() {
        String key = StageAccess.key();
        expect(404, Contract.refused(key).get("/api/v1/drifts/" + UUID.randomUUID()));
        expect(404, Contract.refused(key).get("/api/v1/drifts/not-an-id"));
    }

    @Test
    @Order(6)
    void conflictsAre409And422() {
        String key = StageAccess.requireWrites();
        Stage stage = Stage.current();
        Response created = Contract.reportOwnDrift(key, "errors", stage.runId() + "-errors");
        assertEquals(201, created.statusCode(), "POST /api/v1/drifts answered " + created.statusCode());
        String id = JsonBody.of(created).text("id");
        Contract.documented(key).post("/api/v1/drifts/" + id + "/ignore");
        expect(409, Contract.refused(key).post("/api/v1/drifts/" + id + "/acknowledge"));
        expect(422, Contract.refused(key).contentType("application/json").header("Idempotency-Key", stage.runId() + "-errors")
                .body(Map.of("resourceType", "driftsentry.contract", "resourceId", stage.runId() + "/other", "region", "us-east-1",
                        "severity", "low", "expectedState", Map.of(), "actualState", Map.of())).post("/api/v1/drifts"));
        expect(404, Contract.refused(key).delete("/api/v1/keys/" + UUID.randomUUID()));
    }

    @Test
    @Order(7)
    void failedAuthenticationsEndIn429WithRetryAfter() {
        Response limited = null;
        for (int i = 1; i <= 60 && limited == null; i++) {
            Response r = Contract.refusedAnonymous().header("X-API-Key", String.format("dsk_contractGs_%032d", i)).get("/api/v1/drifts");
            if (r.statusCode() == 429) {
                limited = r;
            }
        }
        assertTrue(limited != null, "60 failed authentications in a row were never answered 429");
        expect(429, limited);
    }

    private static void expect(int status, Response r) {
        assertEquals(status, r.statusCode(), "expected " + status + " but got " + r.statusCode() + ": " + r.asString());
        assertTrue(r.contentType().startsWith("application/problem+json"), status + " is not problem+json: " + r.contentType());
    }
}
