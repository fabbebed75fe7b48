package com.driftsentry.gate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.environment.Masker;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ReportsTest {
    static final String SECRET = "dsk_Secret1234_abcdefghijklmnopqrstuvwxyz012345";

    static Verdict verdict() {
        return Verdict.of("load", "staging", "ApiMixSimulation", "https://staging.example?key=" + SECRET, List.of(
                new VerdictLine("drifts p99 <= 500ms", "500ms", "p99 = 123 ms", 812, 100, "30.0s (10:00:00–10:00:30Z)", Outcome.PASS, "within bound"),
                new VerdictLine("global errorRate <= 0%", "0%", "1.20% (6 of 500)", 500, 100, "30.0s", Outcome.FAIL, "1.20% is over 0% <&> | pipe"),
                new VerdictLine("writes p99 <= 500ms", "500ms", "p99 = 90 ms", 12, 100, "30.0s", Outcome.INCONCLUSIVE, "only 12 sample(s), 100 needed")));
    }

    @Test
    void writesJsonMarkdownAndJUnitWithEverySecretMasked(@TempDir Path dir) throws Exception {
        Masker masker = new Masker();
        masker.register(SECRET);
        List<Path> files = Reports.write(verdict(), dir, masker);
        assertEquals(3, files.size());
        for (Path f : files) {
            String text = Files.readString(f);
            assertFalse(text.contains(SECRET), f + " leaks the key");
            assertTrue(text.contains(Masker.MASK), f + " shows where it was");
        }
        JsonNode json = new ObjectMapper().readTree(dir.resolve("verdict.json").toFile());
        assertEquals("FAIL", json.get("outcome").asText());
        assertEquals(3, json.get("lines").size());
        assertEquals(812, json.get("lines").get(0).get("samples").asLong());
        assertEquals("INCONCLUSIVE", json.get("lines").get(2).get("outcome").asText());

        String md = Files.readString(dir.resolve("verdict.md"));
        assertTrue(md.contains("| criterion | threshold | measured | samples | window | result |"));
        assertTrue(md.contains("| drifts p99 <= 500ms | 500ms | p99 = 123 ms | 812 (min 100) |"), md);
        assertTrue(md.contains("\\| pipe"), "pipes in text do not break the table");

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("verdict-junit.xml").toFile());
        assertEquals(3, xml.getElementsByTagName("testcase").getLength());
        assertEquals(2, xml.getElementsByTagName("failure").getLength(), "FAIL and INCONCLUSIVE are both failures");
        assertEquals("2", xml.getDocumentElement().getAttribute("failures"));
    }

    @Test
    void consoleTableHasOneLinePerCriterionAndTheOutcome() {
        String table = ConsoleTable.render(verdict());
        assertTrue(table.startsWith("==== load gate on staging: FAIL"));
        assertEquals(5, table.lines().count());
        assertTrue(table.contains("INCONCLUSIVE (only 12 sample(s), 100 needed)"));
    }
}
