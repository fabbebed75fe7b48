package com.driftsentry.gate.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.restassured.response.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A response's JSON body, read with Jackson. The suites send with REST Assured but read bodies here: REST Assured's
 * {@code path(..)}, {@code jsonPath()} and {@code body(path, matcher)} compile a Groovy script for every expression they
 * evaluate (9 ms each once warm, 34 ms cold, in driftgate's C1-only JVM), which was 40% of the contract gate's CPU and
 * a fifth of the smoke gate's (docs/performance.md). Paths are dotted field names: {@code "expectedState.smokeRun"}.
 */
public final class JsonBody {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode root;

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    /** The body of {@code response}; an empty body reads as one with no fields. */
    public static JsonBody of(Response response) {
        byte[] body = response.asByteArray();
        if (body.length == 0) {
            return new JsonBody(MissingNode.getInstance());
        }
        try {
            return new JsonBody(JSON.readTree(body));
        } catch (JsonProcessingException notJson) {
            // The body itself stays out of the message: a key the stage returned must not reach a report.
            throw new IllegalStateException("the response to read is not JSON: HTTP " + response.statusCode() + ", "
                    + response.contentType() + ", " + body.length + " bytes");
        } catch (IOException e) {
            throw new IllegalStateException("the response body could not be read: " + e.getMessage(), e);
        }
    }

    /** The text at {@code path}, or null where it is absent or JSON null. */
    public String text(String path) {
        JsonNode n = node(path);
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    /** The node at {@code path}; a missing node where it is absent. */
    public JsonNode node(String path) {
        JsonNode n = root;
        for (String field : path.split("\\.")) {
            n = n.path(field);
        }
        return n;
    }

    /** The elements of the array at {@code path}; none where it is absent or not an array. */
    public List<JsonNode> items(String path) {
        JsonNode array = node(path);
        List<JsonNode> items = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(items::add);
        }
        return items;
    }

    /** The fields of the object at {@code path} as text, in the body's order; none where it is absent. */
    public Map<String, String> fields(String path) {
        Map<String, String> fields = new LinkedHashMap<>();
        node(path).fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue().isNull() ? null : f.getValue().asText()));
        return fields;
    }
}
