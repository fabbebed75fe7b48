package com.driftsentry.reference.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.reference.http.ApiProblem;
import com.driftsentry.reference.http.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DriftInputTest {
    static final ObjectMapper JSON = Json.mapper();

    static ObjectNode valid() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"resourceType":"aws_s3_bucket","resourceId":"logs","region":"eu-west-1","severity":"medium",
                 "expectedState":{"versioning":true},"actualState":{"versioning":false},"monthlyCostDeltaUsd":-3.5}""");
    }

    @Test
    void validInputIsKept() throws Exception {
        DriftInput in = DriftInput.from(valid());
        assertEquals(Severity.MEDIUM, in.severity());
        assertEquals(new BigDecimal("-3.50"), in.monthlyCostDeltaUsd());
        assertEquals("eu-west-1", in.region());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "resourceType|null|resourceType is required", "resourceType|42|resourceType must be a string",
            "resourceId|\"\"|resourceId must be 1 to 512", "region|\"US East\"|region must be", "severity|\"urgent\"|severity",
            "expectedState|[]|expectedState is required and must be a JSON object", "monthlyCostDeltaUsd|\"12\"|must be a number",
            "monthlyCostDeltaUsd|1.005|at most 2 decimal", "monthlyCostDeltaUsd|1e12|between", "detectedAt|\"yesterday\"|ISO-8601",
            "detectedAt|\"2999-01-01T00:00:00Z\"|between 2000-01-01 and now", "status|\"open\"|Unknown field 'status'"})
    void eachBadFieldIsNamed(String field, String json, String message) throws Exception {
        ObjectNode body = valid();
        body.set(field, JSON.readTree(json));
        ApiProblem p = assertThrows(ApiProblem.class, () -> DriftInput.from(body));
        assertEquals(400, p.status());
        assertTrue(p.getMessage().contains(message), p.getMessage());
    }

    @Test
    void nulCharactersAndDeepNestingAreRefused() throws Exception {
        ObjectNode nul = valid();
        nul.putObject("actualState").put("tag", "a\u0000b");
        assertThrows(ApiProblem.class, () -> DriftInput.from(nul));
        ObjectNode deep = valid();
        ObjectNode cursor = deep.putObject("expectedState");
        for (int i = 0; i < 40; i++) {
            cursor = cursor.putObject("n");
        }
        ApiProblem p = assertThrows(ApiProblem.class, () -> DriftInput.from(deep));
        assertTrue(p.getMessage().contains("nested"), p.getMessage());
    }

    @Test
    void transitionsFollowTheLifecycle() {
        assertTrue(DriftStatus.Transition.ACKNOWLEDGE.allowedFrom(DriftStatus.OPEN));
        assertTrue(!DriftStatus.Transition.ACKNOWLEDGE.allowedFrom(DriftStatus.ACKNOWLEDGED));
        assertTrue(DriftStatus.Transition.REMEDIATE.allowedFrom(DriftStatus.ACKNOWLEDGED));
        assertTrue(!DriftStatus.Transition.IGNORE.allowedFrom(DriftStatus.REMEDIATED));
        assertTrue(DriftStatus.REMEDIATED.isResolved() && DriftStatus.IGNORED.isResolved() && !DriftStatus.OPEN.isResolved());
    }
}
