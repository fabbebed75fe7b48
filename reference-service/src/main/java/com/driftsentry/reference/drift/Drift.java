package com.driftsentry.reference.drift;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A difference between a cloud resource's expected and actual state, owned by one tenant. */
public record Drift(
        UUID id,
        String resourceType,
        String resourceId,
        String region,
        String severity,
        String status,
        JsonNode expectedState,
        JsonNode actualState,
        Instant detectedAt,
        Instant resolvedAt,
        BigDecimal monthlyCostDeltaUsd) {
}
