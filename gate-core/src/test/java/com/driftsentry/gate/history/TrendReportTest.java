package com.driftsentry.gate.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nightly report rendered from the recorded histories: self-contained, the change drawn where it starts, a year of runs small. */
class TrendReportTest {
    @TempDir
    Path dir;

    @Test
    void theReportShowsTheTrendsAndTheChangeWhereItStartsAndFetchesNothing() throws Exception {
        List<ChangeRule.Run> runs = Histories.stepped("latency-step");
        List<Change> changes = TrendReport.write("staging", runs, dir);
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("<h2>drifts</h2>") && html.contains("<h2>global</h2>"), "a section per scope");
        assertTrue(html.split("<polyline class=\"series\"").length > 10, "the series are drawn");
        assertEquals(changes.size(), html.split("<line class=\"change\"").length - 1, "each change marked once on its chart");
        assertTrue(html.contains("change at " + runs.get(changes.get(0).from()).id()), "marked at the run it starts");
        assertFalse(html.contains("<script") || html.contains("src=") || html.contains("<link") || html.contains("@import"), "nothing fetched, nothing run");
        assertEquals(html.split("href=").length, html.split("<a href=").length, "the only references are links a person follows");
        String summary = Files.readString(dir.resolve("summary.md"));
        assertTrue(summary.contains("change(s) detected") && summary.contains("| drifts | latency |"), summary);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("changes.json").toFile());
        assertEquals(runs.size(), json.get("runs").asInt());
        assertEquals("drifts", json.get("changes").get(0).get("scope").asText());
    }

    @Test
    void aYearOfNightlyRunsStaysUnderAMegabyte() throws Exception {
        List<ChangeRule.Run> year = new ArrayList<>();
        List<ChangeRule.Run> aa = Histories.load("aa");
        for (int i = 0; i < 365; i++) {
            ChangeRule.Run r = aa.get(i % aa.size());
            year.add(new ChangeRule.Run(String.format("2026%03d", i), r.evidence()));
        }
        TrendReport.write("staging", year, dir);
        long bytes = Files.size(dir.resolve("report.html"));
        assertTrue(bytes < 1_000_000, "365 runs: " + bytes + " bytes");
    }
}
