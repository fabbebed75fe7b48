package com.driftsentry.gate.history;

import com.driftsentry.gate.browser.BrowserLocator;
import com.driftsentry.gate.browser.HeadlessChromium;
import com.driftsentry.gate.browser.TestBrowser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.evidence.MemorySeries;
import com.driftsentry.gate.waiting.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;

/**
 * The nightly report as a person sees it: rendered from the recorded latency-step history plus a
 * stress and a soak run, opened from disk in headless Chromium. No console error, every chart drawn
 * with a visible line, and a screenshot kept with the test reports
 * ({@code browser-gate/target/surefire-reports/trend-report.png}).
 * Where no browser is found the test is skipped with the places looked, except in CI
 * ({@code DRIFTGATE_BROWSER_REQUIRED=true}: .ci/run and the CI workflow), where that fails.
 */
class ReportInChromiumTest {
    @TempDir
    Path dir;

    @Test
    void theReportOpensInChromiumWithNoConsoleErrorAndEveryChartDrawn() throws Exception {
        BrowserLocator.Browser browser = TestBrowser.here();
        List<ChangeRule.Run> runs = new ArrayList<>(Histories.stepped("latency-step"));
        Evidence last = runs.get(runs.size() - 1).evidence();
        runs.add(new ChangeRule.Run("stress-1", new Evidence("StressSimulation", "staging", last.groups(), null, List.of()), "PASS", null, 60.0, null));
        runs.add(new ChangeRule.Run("soak-1", new Evidence("SoakSimulation", "staging", last.groups(), null, List.of(), soakMemory()), "PASS", null, null, null));
        TrendReport.write("staging", runs, dir, Map.of("drifts", 500.0, "global", 500.0), new PromotedBaseline(runs.get(10).evidence(), runs.get(10).id()));

        try (HeadlessChromium chromium = HeadlessChromium.start(browser, 1000, 800)) {
            chromium.driver.get(dir.resolve("report.html").toUri().toString());
            Waits.await("the report to load").atMost(Duration.ofSeconds(10))
                    .until(() -> "complete".equals(chromium.driver.executeScript("return document.readyState")));
            @SuppressWarnings("unchecked")
            Map<String, Object> charts = (Map<String, Object>) chromium.driver.executeScript("""
                    const svgs = [...document.querySelectorAll('svg')];
                    const drawn = svgs.filter(s => [...s.querySelectorAll('polyline.series, circle.point')].some(p => p.getBBox().width > 0)).length;
                    const laidOut = sel => [...document.querySelectorAll(sel)].filter(e => { const b = e.getBBox(); return b.width > 0 || b.height > 0; }).length;
                    return {charts: svgs.length, drawn: drawn, marks: document.querySelectorAll('line.change').length,
                            shaded: [...document.querySelectorAll('rect.change-span')].filter(r => r.getBBox().width >= 3).length,
                            axes: svgs.filter(s => s.querySelectorAll('text.tick').length >= 3 && s.querySelectorAll('text.xtick').length >= 1).length,
                            bounds: laidOut('line.bound'), baselines: laidOut('line.baseline'),
                            bands: [...document.querySelectorAll('rect.run')].filter(r => r.getBBox().height > 100).length, summary: document.querySelectorAll('table.summary tr').length,
                            height: document.documentElement.scrollHeight};""");
            long count = (Long) charts.get("charts");
            assertTrue(count >= 11, "four charts per request group and global, plus the knee and memory: " + charts);
            assertEquals(count, charts.get("drawn"), "every chart has a line or a dot the browser laid out: " + charts);
            assertTrue((Long) charts.get("marks") > 0, "the detected change is drawn: " + charts);
            assertEquals(charts.get("marks"), charts.get("shaded"), "and shaded from its start to its confirmation: " + charts);
            assertEquals(count, charts.get("axes"), "every chart has a value axis and runs along the bottom: " + charts);
            assertEquals(2L, charts.get("bounds"), "the drifts and global p99 bounds drawn: " + charts);
            assertTrue((Long) charts.get("baselines") >= 2 && (Long) charts.get("bands") > 100 && (Long) charts.get("summary") >= 4, charts.toString());
            assertEquals(List.of(), chromium.drainConsole(), "the console stays clean");

            chromium.driver.manage().window().setSize(new Dimension(1000, (int) Math.min(16_000, (Long) charts.get("height"))));
            Path shot = Files.createDirectories(Path.of("target", "surefire-reports")).resolve("trend-report.png");
            Files.copy(chromium.driver.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
            assertTrue(Files.size(shot) > 10_000, "a screenshot of the whole page: " + Files.size(shot) + " bytes");

            // A year and 1,000 nightly runs: how long the page takes to load and lay out (printed for docs/performance.md, not judged here).
            List<ChangeRule.Run> aa = Histories.load("aa");
            for (int n : new int[] {365, 1000}) {
                List<ChangeRule.Run> many = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    many.add(new ChangeRule.Run(String.format("run-%04d", i), aa.get(i % aa.size()).evidence()));
                }
                Path year = Files.createDirectories(dir.resolve("runs-" + n));
                TrendReport.write("staging", many, year, Map.of("drifts", 500.0, "global", 500.0), null);
                chromium.driver.get(year.resolve("report.html").toUri().toString());
                Waits.await("the report of " + n + " runs to load").atMost(Duration.ofSeconds(30))
                        .until(() -> "complete".equals(chromium.driver.executeScript("return document.readyState")));
                Object ms = chromium.driver.executeScript("const t = performance.getEntriesByType('navigation')[0]; "
                        + "document.body.getBoundingClientRect(); return Math.round(performance.now() - t.startTime);");
                System.out.printf("report of %d runs (%d bytes): loaded and laid out in Chromium %s ms after navigation%n", n,
                        Files.size(year.resolve("report.html")), ms);
                assertEquals(List.of(), chromium.drainConsole(), "the console stays clean with " + n + " runs");
            }
        }
    }

    /** A soak's readings: resident memory rising 1 MB a minute over an hour, the heap a sawtooth. */
    private static MemorySeries soakMemory() {
        List<MemorySeries.Sample> readings = new ArrayList<>();
        Instant start = Instant.parse("2026-12-02T02:00:00Z");
        for (int i = 0; i < 400; i++) {
            readings.add(new MemorySeries.Sample(start.plusSeconds(9L * i), (300L << 20) + i * (150L << 10), (40L << 20) + (i % 9) * (3L << 20)));
        }
        return new MemorySeries(readings);
    }
}
