package com.driftsentry.gate.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.evidence.Percentiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
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
    void eachChartHasRoundAxesTheRunsDatesTheBoundTheBaselineTheChangeShadedAndEachRunNamed() throws Exception {
        List<ChangeRule.Run> runs = new ArrayList<>(Histories.stepped("latency-step"));
        ChangeRule.Run last = runs.remove(runs.size() - 1);
        String reports = "https://github.com/acme/driftsentry/actions/runs/42";
        runs.add(new ChangeRule.Run(last.id(), last.evidence(), "PASS", reports, null, "0.4.2"));
        List<Change> changes = TrendReport.write("staging", runs, dir, Map.of("drifts", 500.0), null);
        String html = Files.readString(dir.resolve("report.html"));
        List<String> charts = Pattern.compile("<svg.*?</svg>").matcher(html).results().map(MatchResult::group).toList();
        String cache = charts.stream().filter(c -> c.contains("aria-label=\"cache hit ratio\"")).findFirst().orElseThrow();
        assertTrue(cache.contains(">100 %</text>") && !cache.contains(">102"), "a percentage axis ends at 100");
        for (String chart : charts) {
            assertTrue(chart.split("class=\"tick\"").length >= 4, "round ticks on every chart: " + chart.substring(0, 120));
            assertTrue(chart.split("class=\"xtick\"").length >= 3, "the runs along the bottom of every chart");
        }
        String first = Chart.Runs.of(runs).dates()[0];
        assertTrue(first.matches("[A-Z][a-z]{2} \\d{1,2}( \\d{2}:\\d{2})?") && html.contains("class=\"xtick\" x=\"56.0\" y=\"190\" text-anchor=\"start\">" + first + "<"),
                "the first run's date at the start of the axis: " + first);
        String drifts = charts.stream().filter(c -> c.contains("aria-label=\"latency\"") && c.contains("bound 500 ms")).findFirst().orElseThrow();
        assertTrue(drifts.contains("<line class=\"bound\"") && drifts.contains("<line class=\"baseline\""), "drifts' bound and baseline drawn");
        assertEquals(changes.size(), html.split("<rect class=\"change-span\"").length - 1, "each change shaded once, from its start to its confirmation");
        assertTrue(html.contains("change at " + changes.get(0).fromId() + ": " + changes.get(0).size()), "labelled with its size");
        assertEquals(runs.size(), drifts.split("<rect class=\"run\"").length - 1, "a band under each run");
        assertTrue(drifts.contains("<title>" + runs.get(0).id() + " (" + first + "): p50 "), "which names the run and its values");
        assertTrue(drifts.contains("<a href=\"" + reports + "\"><rect class=\"run\""), "and links to its reports where they are known");
        assertTrue(drifts.contains("text-anchor=\"end\" fill=\"#666\">0.4.2</text>") && drifts.contains(", release 0.4.2): p50 "),
                "the release the last run served, under its date and in its title");
        assertTrue(html.contains("<table class=\"summary\">") && html.contains("<td>drifts</td>"), "a line per scope at the top");
        assertTrue(html.indexOf("<table class=\"summary\">") < html.indexOf("<svg"), "before the charts");
    }

    @Test
    void thePromotedBaselineIsMarkedAsTheGateReadsItAndTheSummaryComparesWithIt() throws Exception {
        List<ChangeRule.Run> runs = Histories.stepped("latency-step");
        ChangeRule.Run kept = runs.get(4);
        TrendReport.write("staging", runs, dir, Map.of(), new PromotedBaseline(kept.evidence(), kept.id()));
        String html = Files.readString(dir.resolve("report.html"));
        long p99 = Percentiles.of(kept.evidence().scope("drifts").histogram(), 99);
        String drifts = Pattern.compile("<h2>drifts</h2>.*?</svg>").matcher(html).results().map(MatchResult::group).findFirst().orElseThrow();
        assertTrue(drifts.contains(">promoted baseline " + TrendReport.num(p99) + " ms</text>"), "the number the next deploy is judged against");
        assertTrue(html.contains("<th>promoted baseline p99</th>") && html.contains("<td>drifts</td><td>") && html.contains(TrendReport.num(p99) + " ms</td>"),
                "the summary compares the last run with it");
        assertTrue(html.contains("of run " + kept.id() + ", the last promoted") && !html.contains("median p99"), "and says which run it is");

        TrendReport.write("staging", runs, dir, Map.of(), new PromotedBaseline(kept.evidence(), null));
        assertTrue(Files.readString(dir.resolve("report.html")).contains("(not among the runs charted)"));
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
