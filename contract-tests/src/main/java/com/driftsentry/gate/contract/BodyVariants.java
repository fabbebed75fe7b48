package com.driftsentry.gate.contract;

import com.driftsentry.gate.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request bodies built from an object schema: one valid body (every property at a plain valid
 * value), then per property its boundary values (valid) and its violations (too long, too short,
 * out of range, wrong type, unknown enum, null, missing when required), plus an unknown property
 * and bodies that are not objects at all. Whether each is valid is left to the document to say.
 */
final class BodyVariants {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** A labelled body, as JSON text. */
    record Body(String label, String json) {
    }

    private BodyVariants() {
    }

    @SuppressWarnings("rawtypes")
    static List<Body> of(Schema schema) {
        ObjectNode base = JSON.objectNode();
        Map<String, Schema> properties = schema.getProperties();
        properties.forEach((name, p) -> base.set(name, plain(p)));
        List<Body> bodies = new ArrayList<>();
        bodies.add(new Body("every property plain", base.toString()));
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        properties.forEach((name, p) -> {
            for (Map.Entry<String, JsonNode> v : values(p).entrySet()) {
                bodies.add(new Body(name + " " + v.getKey(), base.deepCopy().set(name, v.getValue()).toString()));
            }
            ObjectNode without = base.deepCopy();
            without.remove(name);
            bodies.add(new Body(name + (required.contains(name) ? " missing (required)" : " left out"), without.toString()));
        });
        bodies.add(new Body("an unknown property", base.deepCopy().put("unexpectedProperty", 1).toString()));
        bodies.add(new Body("an array instead of an object", "[]"));
        bodies.add(new Body("broken JSON", base.toString().substring(0, base.toString().length() / 2)));
        return bodies;
    }

    /** A plain valid value: the first enum value, a short string, a number inside the range, a small object. */
    @SuppressWarnings("rawtypes")
    private static JsonNode plain(Schema p) {
        if (p.getEnum() != null && !p.getEnum().isEmpty()) {
            return Json.MAPPER.valueToTree(p.getEnum().get(0));
        }
        return switch (type(p)) {
            case "string" -> JSON.textNode("date-time".equals(p.getFormat())
                    ? Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString()
                    : "a".repeat(Math.max(2, p.getMinLength() == null ? 1 : p.getMinLength())));
            case "number", "integer" -> JSON.numberNode(new BigDecimal("12.34"));
            case "object" -> JSON.objectNode().put("encrypted", true);
            default -> JSON.nullNode();
        };
    }

    /** Labelled values at and past each documented bound. */
    @SuppressWarnings("rawtypes")
    private static Map<String, JsonNode> values(Schema p) {
        Map<String, JsonNode> v = new LinkedHashMap<>();
        if (p.getEnum() != null) {
            p.getEnum().forEach(e -> v.put("= " + e, Json.MAPPER.valueToTree(e)));
            v.put("not in the enum", JSON.textNode("not-a-documented-value"));
        } else if ("string".equals(type(p)) && !"date-time".equals(p.getFormat())) {
            if (p.getMaxLength() != null) {
                v.put("at maxLength " + p.getMaxLength(), JSON.textNode("a".repeat(p.getMaxLength())));
                v.put("past maxLength", JSON.textNode("a".repeat(p.getMaxLength() + 1)));
            }
            v.put("empty", JSON.textNode(""));
            v.put("blank", JSON.textNode("   "));
            v.put("with a control character", JSON.textNode("a\u0007b"));
        } else if ("date-time".equals(p.getFormat())) {
            v.put("not a date-time", JSON.textNode("yesterday"));
        } else if ("number".equals(type(p)) || "integer".equals(type(p))) {
            if (p.getMinimum() != null) {
                v.put("at minimum", JSON.numberNode(p.getMinimum()));
                v.put("below minimum", JSON.numberNode(p.getMinimum().subtract(BigDecimal.ONE)));
            }
            if (p.getMaximum() != null) {
                v.put("at maximum", JSON.numberNode(p.getMaximum()));
                v.put("above maximum", JSON.numberNode(p.getMaximum().add(BigDecimal.ONE)));
            }
            if (p.getMultipleOf() != null) {
                v.put("finer than multipleOf", JSON.numberNode(new BigDecimal("1.005")));
            }
        } else if ("object".equals(type(p))) {
            v.put("empty object", JSON.objectNode());
        }
        v.put("of the wrong type", "string".equals(type(p)) ? JSON.numberNode(42) : JSON.textNode("42"));
        v.put("null", JSON.nullNode());
        return v;
    }

    @SuppressWarnings("rawtypes")
    private static String type(Schema p) {
        if (p.getType() != null) {
            return p.getType();
        }
        return p.getTypes() != null && !p.getTypes().isEmpty() ? (String) p.getTypes().iterator().next() : "object";
    }
}
