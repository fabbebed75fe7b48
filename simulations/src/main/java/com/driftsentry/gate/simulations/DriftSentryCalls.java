package com.driftsentry.gate.simulations;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.Http;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.util.UUID;
import java.util.function.Function;

/**
 * The DriftSentry user actions as named chains, shared by the simulations. Reads use the reader
 * key set on the protocol; writes use the admin key.
 */
final class DriftSentryCalls {
    private final GatedCalls calls;
    private final String adminKey;

    /** What a simulation lends the calls: its recorded {@code call}. */
    interface GatedCalls {
        ChainBuilder call(String group, Function<Http, HttpRequestActionBuilder> request, Integer... expected);
    }

    DriftSentryCalls(GatedCalls calls, String adminKey) {
        this.calls = calls;
        this.adminKey = adminKey;
    }

    ChainBuilder browse() {
        return calls.call("drifts", request -> request.get("/api/v1/drifts?limit=25")
                        .check(jsonPath("$.items[*].id").findRandom().optional().saveAs("driftId")))
                .exec(calls.call("drifts", request -> request.get("/api/v1/drifts?severity=high&status=open&limit=25")));
    }

    ChainBuilder open() {
        return calls.call("drifts", request -> request.get("/api/v1/drifts?limit=25")
                        .check(jsonPath("$.items[*].id").findRandom().optional().saveAs("driftId")))
                .doIf(session -> session.contains("driftId")).then(
                        calls.call("drifts", request -> request.get("/api/v1/drifts/#{driftId}")));
    }

    ChainBuilder dashboard() {
        return calls.call("dashboard", request -> request.get("/api/v1/dashboard/summary"));
    }

    ChainBuilder reportAndAcknowledge() {
        return exec(session -> session.set("resourceId", "sg-" + UUID.randomUUID()).set("idempotencyKey", UUID.randomUUID().toString()))
                .exec(calls.call("writes", request -> request.post("/api/v1/drifts")
                        .header("X-API-Key", adminKey)
                        .header("Idempotency-Key", "#{idempotencyKey}")
                        .header("Content-Type", "application/json")
                        .body(StringBody("""
                                {"resourceType":"aws_security_group","resourceId":"#{resourceId}","region":"us-east-1",
                                 "severity":"high","expectedState":{"ingress":"10.0.0.0/8"},"actualState":{"ingress":"0.0.0.0/0"},
                                 "monthlyCostDeltaUsd":4.20}"""))
                        .check(jsonPath("$.id").optional().saveAs("reportedId")), 201))
                .doIf(session -> session.contains("reportedId")).then(
                        calls.call("writes", request -> request.post("/api/v1/drifts/#{reportedId}/acknowledge")
                                .header("X-API-Key", adminKey)));
    }
}
