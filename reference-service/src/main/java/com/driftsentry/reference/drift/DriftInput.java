package com.driftsentry.reference.drift;

import com.driftsentry.reference.http.ApiProblem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A drift report as a client sends it, checked field by field so that every bad input is a 400
 * naming the field, and nothing PostgreSQL would refuse (NUL characters, absurd numbers) ever
 * reaches it and turns into a 500.
 */
public record DriftInput(String resourceType, String resourceId, String region, Severity severity,
                         ObjectNode expectedState, ObjectNode actualState, BigDecimal monthlyCostDeltaUsd, Instant detectedAt) {

    private static final Set<String> FIELDS = Set.of("resourceType", "resourceId", "region", "severity",
            "expectedState", "actualState", "monthlyCostDeltaUsd", "detectedAt");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{2,32}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final BigDecimal MAX_COST = new BigDecimal("1000000000");
    private static final int MAX_STATE_DEPTH = 32;
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    public static DriftInput from(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiProblem.badRequest("The body must be a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiProblem.badRequest("Unknown field '" + printable(name) + "'; expected " + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
        return new DriftInput(
                text(body, "resourceType", 128),
                text(body, "resourceId", 512),
                region(body),
                Severity.parse("severity", text(body, "severity", 16)),
                state(body, "expectedState"),
                state(body, "actualState"),
                cost(body),
                detectedAt(body));
    }

    private static String text(JsonNode body, String field, int maxLength) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw ApiProblem.badRequest(field + " is required");
        }
        if (!node.isTextual()) {
            throw ApiProblem.badRequest(field + " must be a string");
        }
        String value = node.textValue();
        if (value.isBlank() || value.length() > maxLength) {
            throw ApiProblem.badRequest(field + " must be 1 to " + maxLength + " characters");
        }
        if (CONTROL.matcher(value).find()) {
            throw ApiProblem.badRequest(field + " must not contain control characters");
        }
        return value;
    }

    private static String region(JsonNode body) {
        String value = text(body, "region", 32);
        if (!REGION.matcher(value).matches()) {
            throw ApiProblem.badRequest("region must be a cloud region name such as us-east-1 (lowercase letters, digits, dashes)");
        }
        return value;
    }

    private static ObjectNode state(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || !node.isObject()) {
            throw ApiProblem.badRequest(field + " is required and must be a JSON object");
        }
        checkState(field, node, 1);
        return (ObjectNode) node;
    }

    private static void checkState(String field, JsonNode node, int depth) {
        if (depth > MAX_STATE_DEPTH) {
            throw ApiProblem.badRequest(field + " is nested deeper than " + MAX_STATE_DEPTH + " levels");
        }
        if (node.isTextual() && node.textValue().indexOf('\u0000') >= 0) {
            throw ApiProblem.badRequest(field + " must not contain NUL characters");
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().indexOf('\u0000') >= 0) {
                    throw ApiProblem.badRequest(field + " must not contain NUL characters");
                }
                checkState(field, e.getValue(), depth + 1);
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                checkState(field, child, depth + 1);
            }
        }
    }

    private static BigDecimal cost(JsonNode body) {
        JsonNode node = body.get("monthlyCostDeltaUsd");
        if (node == null || node.isNull()) {
            return BigDecimal.ZERO;
        }
        if (!node.isNumber()) {
            throw ApiProblem.badRequest("monthlyCostDeltaUsd must be a number");
        }
        BigDecimal value = node.decimalValue();
        if (value.abs().compareTo(MAX_COST) > 0) {
            throw ApiProblem.badRequest("monthlyCostDeltaUsd must be between -1000000000 and 1000000000");
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw ApiProblem.badRequest("monthlyCostDeltaUsd must have at most 2 decimal places");
        }
        return value.setScale(2);
    }

    private static Instant detectedAt(JsonNode body) {
        JsonNode node = body.get("detectedAt");
        if (node == null || node.isNull()) {
            return Instant.now();
        }
        try {
            Instant value = Instant.parse(node.asText());
            if (value.isBefore(EARLIEST) || value.isAfter(Instant.now().plus(Duration.ofMinutes(5)))) {
                throw ApiProblem.badRequest("detectedAt must lie between 2000-01-01 and now");
            }
            return value;
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("detectedAt must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        return CONTROL.matcher(cut).replaceAll("?");
    }
}
