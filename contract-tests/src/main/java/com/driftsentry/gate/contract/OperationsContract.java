package com.driftsentry.gate.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.driftsentry.gate.suite.JsonBody;
import com.driftsentry.gate.suite.Stage;
import com.driftsentry.gate.suite.StageAccess;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every operation used the way a client uses it, each request and response validated against the
 * document: reads first (safe anywhere), then the writes a client makes (only where the stage
 * allows writing; everything created is closed or revoked by the cleanup).
 */
@Tag("operations")
@Order(2)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsContract {
    @Test
    @Order(1)
    void health() {
        for (String path : new String[] {"/health/live", "/health/ready", "/metrics"}) {
            Response r = Contract.documentedAnonymous().get(path);
            assertEquals(200, r.statusCode(), path + " answered " + r.statusCode());
        }
    }

    @Test
    @Order(2)
    void listsDriftsByFilterAndCursor() {
        String key = StageAccess.key();
        ok(Contract.documented(key).get("/api/v1/drifts"));
        ok(Contract.documented(key).queryParam("severity", "high").queryParam("status", "open").get("/api/v1/drifts"));
        Response first = ok(Contract.documented(key).queryParam("limit", 2).get("/api/v1/drifts"));
        String cursor = JsonBody.of(first).text("nextCursor");
        if (cursor != null) {
            ok(Contract.documented(key).queryParam("limit", 2).queryParam("cursor", cursor).get("/api/v1/drifts"));
        }
    }

    @Test
    @Order(3)
    void readsTheDashboardTwice() {
        String key = StageAccess.key();
        ok(Contract.documented(key).get("/api/v1/dashboard/summary"));
        ok(Contract.documented(key).get("/api/v1/dashboard/summary"));
    }

    @Test
    @Order(4)
    void readsAuditKeysAndRoutes() {
        String key = StageAccess.key();
        Response audit = Contract.documented(key).queryParam("limit", 2).get("/api/v1/audit");
        if (audit.statusCode() == 403) {
            return; // a reader key: the 403 itself was validated; admins' reads follow when the key is an admin's
        }
        ok(audit);
        String cursor = JsonBody.of(audit).text("nextCursor");
        if (cursor != null) {
            ok(Contract.documented(key).queryParam("limit", 2).queryParam("cursor", cursor).get("/api/v1/audit"));
        }
        ok(Contract.documented(key).get("/api/v1/keys"));
        ok(Contract.documented(key).get("/api/v1/routes"));
    }

    @Test
    @Order(5)
    void reportsReadsAndMovesADrift() {
        String key = StageAccess.requireWrites();
        String idempotency = Stage.current().runId() + "-ops";
        Response created = Contract.reportOwnDrift(key, "drift", idempotency);
        assertEquals(201, created.statusCode(), "POST /api/v1/drifts answered " + created.statusCode());
        String id = JsonBody.of(created).text("id");
        Response replay = Contract.reportOwnDrift(key, "drift", idempotency);
        assertEquals("true", replay.header("Idempotent-Replayed"), "the replay is marked");
        assertEquals(id, JsonBody.of(replay).text("id"), "the replay returns the same drift");
        ok(Contract.documented(key).get("/api/v1/drifts/" + id));
        ok(Contract.documented(key).post("/api/v1/drifts/" + id + "/acknowledge"));
        ok(Contract.documented(key).post("/api/v1/drifts/" + id + "/remediate"));
    }

    @Test
    @Order(6)
    void createsListsAndRevokesAKey() {
        String key = StageAccess.requireWrites();
        Stage stage = Stage.current();
        Response created = Contract.documented(key).contentType("application/json")
                .body(Map.of("name", stage.runId() + "-contract", "role", "reader")).post("/api/v1/keys");
        assertEquals(201, created.statusCode(), "POST /api/v1/keys answered " + created.statusCode());
        JsonBody body = JsonBody.of(created);
        stage.masker().register(body.text("key"));
        String id = body.text("id");
        assertNotNull(id);
        stage.cleanup().register("revoke contract key " + id, () -> Contract.refused(key).delete("/api/v1/keys/" + id));
        Response revoked = Contract.documented(key).delete("/api/v1/keys/" + id);
        assertEquals(204, revoked.statusCode(), "DELETE /api/v1/keys/" + id + " answered " + revoked.statusCode());
    }

    private static Response ok(Response r) {
        assertEquals(200, r.statusCode(), "answered " + r.statusCode() + ": " + r.asString());
        return r;
    }
}
