package com.driftsentry.gate.contract;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One generated request: what it varies, its path, query, headers and body, and what the answer
 * must be. {@code VALID} input must be accepted (2xx); {@code INVALID} input must be refused with
 * a documented 4xx; {@code EITHER} is input the schema allows but the stage may refuse on its
 * merits (an id that does not exist, a cursor it never issued), so 2xx or a documented 4xx.
 */
record GeneratedCase(String label, String method, String path, Map<String, String> query, Map<String, String> headers, String body,
                     Expect expect) {

    enum Expect { VALID, INVALID, EITHER }

    static GeneratedCase of(String label, String method, String path, Expect expect) {
        return new GeneratedCase(label, method, path, Map.of(), Map.of(), null, expect);
    }

    GeneratedCase withQuery(String name, String value) {
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put(name, value);
        return new GeneratedCase(label, method, path, q, headers, body, expect);
    }

    GeneratedCase withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new GeneratedCase(label, method, path, query, h, body, expect);
    }

    GeneratedCase withBody(String json) {
        return new GeneratedCase(label, method, path, query, headers, json, expect);
    }

    /** The same request as the validator's model, with a stand-in key, to ask the document what it thinks of it. */
    Request asValidatorRequest() {
        SimpleRequest.Builder b = new SimpleRequest.Builder(method, path).withHeader("X-API-Key", "stand-in");
        query.forEach(b::withQueryParam);
        headers.forEach(b::withHeader);
        if (body != null) {
            b.withContentType("application/json").withBody(body);
        }
        return b.build();
    }

    @Override
    public String toString() {
        return method + " " + path + (query.isEmpty() ? "" : " " + query) + " [" + label + "]";
    }
}
