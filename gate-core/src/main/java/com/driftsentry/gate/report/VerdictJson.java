package com.driftsentry.gate.report;

import com.driftsentry.gate.verdict.Verdict;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code verdict.json}: the verdict as data, field names stable for the driver and other tools. */
public final class VerdictJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private VerdictJson() {
    }

    public static String render(Verdict v) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", "driftsentry-verdict/1");
        root.put("gate", v.gate());
        root.put("environment", v.environment());
        root.put("subject", v.subject());
        root.put("target", v.target());
        root.put("judgedAt", v.judgedAt().toString());
        root.put("outcome", v.outcome().name());
        List<Map<String, Object>> lines = v.lines().stream().map(l -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("criterion", l.criterion());
            m.put("threshold", l.threshold());
            m.put("measured", l.measured());
            m.put("samples", l.samples());
            m.put("minSamples", l.minSamples());
            m.put("window", l.window());
            m.put("outcome", l.outcome().name());
            m.put("reason", l.reason());
            return m;
        }).toList();
        root.put("lines", lines);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
