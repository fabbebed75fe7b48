package com.driftsentry.gate.report;

import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code verdict.json}: the verdict as data, field names stable for the driver and other tools. */
public final class VerdictJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private VerdictJson() {
    }

    public static String render(Verdict v) {
        try {
            return JSON.writeValueAsString(tree(v)) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The verdict as a JSON-ready map (the driver nests verdicts in its ledger and its --json result). */
    public static Map<String, Object> tree(Verdict v) {
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
        return root;
    }

    /** Reads a verdict back (a load gate run in its own JVM writes one; the driver reads it). */
    public static Verdict parse(JsonNode root) {
        List<VerdictLine> lines = new ArrayList<>();
        for (JsonNode l : root.path("lines")) {
            lines.add(new VerdictLine(l.path("criterion").asText(), l.path("threshold").asText(), l.path("measured").asText(),
                    l.path("samples").asLong(), l.path("minSamples").asLong(), l.path("window").asText(),
                    Outcome.valueOf(l.path("outcome").asText()), l.path("reason").asText()));
        }
        return new Verdict(root.path("gate").asText(), root.path("environment").asText(), root.path("subject").asText(),
                root.path("target").asText(), Instant.parse(root.path("judgedAt").asText()), List.copyOf(lines),
                Outcome.valueOf(root.path("outcome").asText()));
    }
}
