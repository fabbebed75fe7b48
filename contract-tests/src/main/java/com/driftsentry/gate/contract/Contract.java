package com.driftsentry.gate.contract;

import com.driftsentry.gate.suite.JsonBody;
import com.driftsentry.gate.suite.Stage;
import com.driftsentry.gate.suite.StageHttp;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.opentest4j.TestAbortedException;

/** Requests of the contract suites: every one passes through the document, one way or the other. */
final class Contract {
    private Contract() {
    }

    static ContractSpec spec() {
        return ContractSpec.of(Stage.current().contract()
                .orElseThrow(() -> new TestAbortedException("the environment has no gates.contract.spec")).spec());
    }

    /** A request the document allows: request and response are validated. */
    static RequestSpecification documented(String key) {
        return new StageHttp().withFilter(spec().documented()).as(key);
    }

    static RequestSpecification documentedAnonymous() {
        return new StageHttp().withFilter(spec().documented()).anonymous();
    }

    /** A request made invalid on purpose: the refusal must still be a documented response. */
    static RequestSpecification refused(String key) {
        return new StageHttp().withFilter(spec().responseOnly()).as(key);
    }

    static RequestSpecification refusedAnonymous() {
        return new StageHttp().withFilter(spec().responseOnly()).anonymous();
    }

    /**
     * Reports a drift of this run (tagged {@code <run id>/<suffix>}, validated both ways) and registers
     * its closing; the same suffix and idempotency key give the same body, so a second call is a replay.
     */
    static Response reportOwnDrift(String key, String suffix, String idempotencyKey) {
        Stage stage = Stage.current();
        Map<String, Object> drift = Map.of("resourceType", "driftsentry.contract", "resourceId", stage.runId() + "/" + suffix,
                "region", "eu-west-1", "severity", "low", "expectedState", Map.of("run", stage.runId()),
                "actualState", Map.of("run", stage.runId(), "changed", true), "monthlyCostDeltaUsd", -1.5,
                "detectedAt", "2026-01-31T12:00:00Z");
        RequestSpecification request = documented(key).contentType("application/json").body(drift);
        Response created = (idempotencyKey == null ? request : request.header("Idempotency-Key", idempotencyKey)).post("/api/v1/drifts");
        if (created.statusCode() == 201) {
            String id = JsonBody.of(created).text("id");
            stage.cleanup().register("close contract drift " + id, () -> refused(key).post("/api/v1/drifts/" + id + "/ignore"));
        }
        return created;
    }
}
