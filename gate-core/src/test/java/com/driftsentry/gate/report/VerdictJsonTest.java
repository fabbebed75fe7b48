package com.driftsentry.gate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.verdict.Verdict;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerdictJsonTest {
    @Test
    void theFileKeepsItsFieldNamesAndOrderAndReadsBackTheSameVerdict(@TempDir Path dir) throws Exception {
        Verdict v = ReportsTest.verdict();
        Path file = Files.writeString(dir.resolve("verdict.json"), VerdictJson.render(v));
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertEquals(List.of("format", "gate", "environment", "subject", "target", "judgedAt", "outcome", "lines"), names(json));
        assertEquals(List.of("criterion", "threshold", "measured", "samples", "minSamples", "window", "outcome", "reason"),
                names(json.get("lines").get(0)));
        assertEquals(VerdictJson.FORMAT, json.get("format").asText());
        assertEquals(v, VerdictJson.read(file));
    }

    @Test
    void junitXmlEscapesWhatTheLinesSay() throws Exception {
        String xml = JUnitXml.render(ReportsTest.verdict());
        assertTrue(xml.contains("1.20% is over 0% &lt;&amp;&gt; | pipe"), xml);
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), xml);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
