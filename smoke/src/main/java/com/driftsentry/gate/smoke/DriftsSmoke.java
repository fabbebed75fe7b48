package com.driftsentry.gate.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.suite.JsonBody;
import com.driftsentry.gate.suite.Stage;
import com.driftsentry.gate.suite.StageAccess;
import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The core workflow on the live stage: report a drift (idempotently), read it back, find it by
 * filter, acknowledge it, and find both in the audit trail. Everything it creates is tagged with
 * the run id and closed (ignored) by the cleanup, whatever happens to the tests.
 */
@Tag("drifts")
@Order(3)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DriftsSmoke {
    static final String RESOURCE_TYPE = "driftsentry.smoke";

    private String id;

    @Test
    @Order(1)
    void reportsADriftOnce() {
        String key = StageAccess.requireWrites();
        Stage stage = Stage.current();
        Map<String, Object> drift = Map.of("resourceType", RESOURCE_TYPE, "resourceId", stage.runId() + "/drift",
                "region", "us-east-1", "severity", "critical",
                "expectedState", Map.of("smokeRun", stage.runId(), "encrypted", true),
                "actualState", Map.of("smokeRun", stage.runId(), "encrypted", false), "monthlyCostDeltaUsd", 0.01);
        Response created = report(key, drift, stage.runId());
        assertEquals(201, created.statusCode(), "POST /api/v1/drifts answered " + created.statusCode() + ": " + created.asString());
        id = JsonBody.of(created).text("id");
        String closing = id;
        stage.cleanup().register("close smoke drift " + id, () -> close(key, closing));
        assertEquals("/api/v1/drifts/" + id, created.header("Location"), "Location of the new drift");
        Response replay = report(key, drift, stage.runId());
        assertEquals(201, replay.statusCode(), "the retried POST answered " + replay.statusCode());
        assertEquals("true", replay.header("Idempotent-Replayed"), "a retry with the same Idempotency-Key is a replay");
        assertEquals(id, JsonBody.of(replay).text("id"), "a retry with the same Idempotency-Key returns the same drift");
    }

    @Test
    @Order(2)
    void readsItBack() {
        Response r = Smoke.HTTP.as(key()).get("/api/v1/drifts/" + id);
        assertEquals(200, r.statusCode(), "GET /api/v1/drifts/" + id + " answered " + r.statusCode());
        JsonBody drift = JsonBody.of(r);
        assertEquals(RESOURCE_TYPE, drift.text("resourceType"));
        assertEquals("critical", drift.text("severity"));
        assertEquals("open", drift.text("status"));
        assertEquals(Stage.current().runId(), drift.text("expectedState.smokeRun"));
    }

    @Test
    @Order(3)
    void findsItByFilter() {
        Response r = Smoke.HTTP.as(key()).queryParam("severity", "critical").queryParam("status", "open")
                .queryParam("limit", 100).get("/api/v1/drifts");
        assertEquals(200, r.statusCode(), "GET /api/v1/drifts?severity=critical&status=open answered " + r.statusCode());
        List<JsonNode> items = JsonBody.of(r).items("items");
        assertTrue(items.stream().allMatch(d -> "critical".equals(d.path("severity").asText()) && "open".equals(d.path("status").asText())),
                "the filter returned drifts that are not critical and open");
        assertTrue(items.stream().anyMatch(d -> id.equals(d.path("id").asText())), "the new drift is missing from the newest 100 critical open drifts");
    }

    @Test
    @Order(4)
    void acknowledgesItOnce() {
        Response r = Smoke.HTTP.as(key()).post("/api/v1/drifts/" + id + "/acknowledge");
        assertEquals(200, r.statusCode(), "acknowledge answered " + r.statusCode() + ": " + r.asString());
        assertEquals("acknowledged", JsonBody.of(r).text("status"));
        AuthSmoke.expectProblem(Smoke.HTTP.as(key()).post("/api/v1/drifts/" + id + "/acknowledge"), 409, "a second acknowledge");
    }

    @Test
    @Order(5)
    void auditHasTheTrail() {
        Response r = Smoke.HTTP.as(key()).queryParam("limit", 200).get("/api/v1/audit");
        assertEquals(200, r.statusCode(), "GET /api/v1/audit answered " + r.statusCode());
        List<String> actions = JsonBody.of(r).items("items").stream().filter(e -> id.equals(e.path("targetId").asText()))
                .map(e -> e.path("action").asText()).toList();
        assertTrue(actions.contains("drift.reported"), "no drift.reported audit entry for " + id + " (found " + actions + ")");
        assertTrue(actions.contains("drift.acknowledged"), "no drift.acknowledged audit entry for " + id + " (found " + actions + ")");
    }

    private String key() {
        Assumptions.assumeTrue(id != null, "no drift was reported in this run, so there is nothing to check");
        return StageAccess.key();
    }

    private static Response report(String key, Map<String, Object> drift, String runId) {
        return Smoke.HTTP.as(key).contentType("application/json").header("Idempotency-Key", runId + "-report")
                .body(drift).post("/api/v1/drifts");
    }

    private static void close(String key, String id) {
        int status = Smoke.HTTP.as(key).post("/api/v1/drifts/" + id + "/ignore").statusCode();
        if (status != 200 && status != 409) {
            throw new IllegalStateException("POST /api/v1/drifts/" + id + "/ignore answered " + status);
        }
    }
}
