package com.driftsentry.gate.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.dashboard.DashboardServer;
import com.driftsentry.dashboard.DashboardSettings;
import com.driftsentry.gate.environment.BrowserGateConfig;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import com.driftsentry.gate.waiting.Waits;
import com.driftsentry.reference.embedded.EmbeddedTarget;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The browser gate against the real thing: the embedded default (the reference service with embedded
 * PostgreSQL and Redis, seeded, and the dashboard it serves beside it), Debian's Chromium. The healthy page passes; each fault fails the
 * line it should, naming what the browser saw; an action taken in the page reaches the API's audit.
 */
class BrowserGateTest {
    @TempDir
    static Path dir;
    static EmbeddedTarget api;
    static BrowserLocator.Browser browser;

    @BeforeAll
    static void start() {
        browser = TestBrowser.here();
        // The embedded default serves the dashboard beside the API, its origin on the API's allow-list.
        api = EmbeddedTarget.start(200, Map.of(), dir.resolve("api"));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    static DashboardSettings settings(int port, String fault) {
        return DashboardSettings.from(Map.of("DASHBOARD_PORT", Integer.toString(port), "DRIFTSENTRY_API_URL", api.baseUrl(),
                "DRIFTSENTRY_FAULT_DASHBOARD", fault));
    }

    static VerdictLine line(Verdict v, String criterion) {
        return v.lines().stream().filter(l -> l.criterion().equals(criterion)).findFirst().orElseThrow(() -> new AssertionError(v.lines().toString()));
    }

    @Test
    void theHealthyDashboardPassesEveryLineWithTheApisOwnFigures() throws IOException {
        Path reports = dir.resolve("healthy");
        long t0 = System.nanoTime();
        // As a deploy runs it: the browser started ahead (while the gate before it runs), then judged with.
        Verdict v = new BrowserGate(BrowserGateConfig.DEFAULT, "local", reports).prepare().judge(api.dashboardUrl(), api.baseUrl(), api.readerKey());
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(Outcome.PASS, v.outcome(), v.lines().toString());
        assertEquals(10, line(v, "page load p95").samples(), "ten loads measured");
        assertTrue(line(v, "page load p95").measured().startsWith("p95 "), line(v, "page load p95").measured());
        assertTrue(line(v, "largest contentful paint p95").measured().startsWith("p95 "), line(v, "largest contentful paint p95").measured());
        assertEquals("6 of 6 equal", line(v, "figures shown").measured());
        assertFalse(Files.exists(reports.resolve("browser-screenshot.png")), "evidence files only for a verdict short of PASS");
        // The page keeps the key in its session storage, and Chromium writes that to its profile (UTF-16).
        assertEquals(List.of(), filesHolding(dir, api.readerKey()), "files under the test's folder holding the key");
        System.out.printf("browser gate, 10 loads, healthy: %.1f s to the verdict; %s; %s%n", seconds,
                line(v, "page load p95").measured(), line(v, "largest contentful paint p95").measured());
    }

    /**
     * GitHub's Ubuntu runner: Google Chrome at /usr/bin/google-chrome named by CHROME_BIN, its driver in the folder
     * CHROMEWEBDRIVER names, and (here) nothing at Debian's paths. This machine's browser and driver are linked
     * into that layout under a scratch root.
     */
    @Test
    void aBrowserLaidOutAsGitHubsRunnerLaysItOutPassesTheGate() throws Exception {
        Path runner = dir.resolve("runner");
        Path chrome = Files.createDirectories(runner.resolve("usr/bin")).resolve("google-chrome");
        Path drivers = Files.createDirectories(runner.resolve("usr/local/share/chromedriver-linux64"));
        Files.createSymbolicLink(chrome, browser.binary().toRealPath());
        Files.createSymbolicLink(drivers.resolve("chromedriver"), browser.driver().toRealPath());
        BrowserLocator githubs = new BrowserLocator(Map.of("CHROME_BIN", chrome.toString(), "CHROMEWEBDRIVER", drivers.toString(),
                "PATH", runner.resolve("usr/bin").toString()), Map.of(), BrowserGateConfig.DEFAULT, runner.resolve("nothing/chromium"),
                runner.resolve("nothing/chromedriver"));
        BrowserLocator.Browser found = githubs.locate().browser().orElseThrow();
        assertEquals(chrome, found.binary());
        assertEquals("CHROMEWEBDRIVER", found.driverFrom());
        // What is proven is that the runner's layout is found and driven; the page's speed is the healthy case's to judge.
        BrowserGateConfig threeLoads = new BrowserGateConfig(3, Duration.ofSeconds(30), Duration.ofSeconds(30), 0, Duration.ofSeconds(30));
        Verdict v = new BrowserGate(threeLoads, "local", dir.resolve("github"), githubs).judge(api.dashboardUrl(), api.baseUrl(), api.readerKey());
        assertEquals(Outcome.PASS, v.outcome(), v.lines().toString());
    }

    @Test
    void noBrowserIsInconclusiveNamingEveryPlaceLooked() {
        BrowserLocator none = new BrowserLocator(Map.of("PATH", dir.resolve("empty").toString()), Map.of(), BrowserGateConfig.DEFAULT,
                dir.resolve("empty/chromium"), dir.resolve("empty/chromedriver"));
        Verdict v = new BrowserGate(BrowserGateConfig.DEFAULT, "local", dir.resolve("none"), none).judge(api.dashboardUrl(), api.baseUrl(), api.readerKey());
        assertEquals(Outcome.INCONCLUSIVE, v.outcome());
        String reason = line(v, "browser").reason();
        assertTrue(reason.contains("CHROME_BIN (unset), google-chrome on the PATH") && reason.contains(dir.resolve("empty/chromium").toString())
                && reason.contains("fix: apt-get install -y chromium chromium-driver"), reason);
    }

    @Test
    void aPageThatCannotReachTheApiFailsNamingTheConsoleErrorWithAScreenshot() throws Exception {
        Path reports = dir.resolve("unreachable");
        try (DashboardServer broken = DashboardServer.start(settings(0, "unreachable-api"))) {
            Verdict v = new BrowserGate(new BrowserGateConfig(3, Duration.ofSeconds(2), Duration.ofSeconds(2), 0, Duration.ofSeconds(5)),
                    "local", reports).judge(broken.url(), api.baseUrl(), api.readerKey());
            assertEquals(Outcome.FAIL, v.outcome());
            VerdictLine console = line(v, "console errors");
            assertEquals(Outcome.FAIL, console.outcome());
            assertTrue(console.reason().contains("dashboard: Failed to fetch"), console.reason());
            assertTrue(line(v, "failed requests").reason().contains("http://127.0.0.1:9/api/v1/"), line(v, "failed requests").reason());
            assertTrue(Files.size(reports.resolve("browser-screenshot.png")) > 1000, "a screenshot of what the user saw");
            String consoleFile = Files.readString(reports.resolve("browser-console.txt"));
            assertTrue(consoleFile.contains("Failed to fetch") && !consoleFile.contains(api.readerKey()), consoleFile);
        }
    }

    @Test
    void aPolicyThatBlocksThePagesScriptFailsNamingTheRefusal() {
        try (DashboardServer broken = DashboardServer.start(settings(0, "csp-blocks-script"))) {
            Verdict v = new BrowserGate(new BrowserGateConfig(3, Duration.ofSeconds(2), Duration.ofSeconds(2), 0, Duration.ofSeconds(3)),
                    "local", dir.resolve("csp")).judge(broken.url(), api.baseUrl(), api.readerKey());
            assertEquals(Outcome.FAIL, v.outcome());
            assertTrue(line(v, "console errors").reason().contains("Content Security Policy"), line(v, "console errors").reason());
            assertEquals(Outcome.FAIL, line(v, "page load p95").outcome(), "the page never showed its data");
        }
    }

    @Test
    void twoAndAHalfSecondsMoreOnTheSummaryRouteFailsTheLoadTimeLine() {
        try (EmbeddedTarget slow = EmbeddedTarget.start(50, Map.of("DRIFTSENTRY_FAULT_LATENCY_MS", "2500",
                "DRIFTSENTRY_FAULT_ROUTES", "/api/v1/dashboard/summary"), dir.resolve("slow"))) {
            // One measured load is enough to show the line failing, and each costs 2.5 s more.
            Verdict v = new BrowserGate(new BrowserGateConfig(1, Duration.ofSeconds(2), Duration.ofSeconds(2), 0, Duration.ofSeconds(10)),
                    "local", dir.resolve("slow-reports")).judge(slow.dashboardUrl(), slow.baseUrl(), slow.readerKey());
            VerdictLine load = line(v, "page load p95");
            assertEquals(Outcome.FAIL, load.outcome(), v.lines().toString());
            assertTrue(load.reason().startsWith("p95 2") && load.reason().endsWith("is over 2000 ms"), load.reason());
            assertEquals(Outcome.PASS, line(v, "console errors").outcome(), "slow, not broken: " + line(v, "console errors").reason());
            assertEquals(Outcome.PASS, line(v, "figures shown").outcome());
        }
    }

    @Test
    void aBrowserPreparedForAGateThatNeverJudgesIsClosedAndItsProfileDeleted() throws IOException {
        List<Path> before = profiles();
        BrowserGate gate = new BrowserGate(BrowserGateConfig.DEFAULT, "local", dir.resolve("discarded")).prepare();
        Waits.await("the prepared browser's profile").atMost(Duration.ofSeconds(60)).until(() -> profiles().size() > before.size());
        gate.discard();
        Waits.await("the discarded browser's profile to be deleted").atMost(Duration.ofSeconds(60)).until(() -> profiles().equals(before));
    }

    private static List<Path> profiles() throws IOException {
        try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return all.filter(p -> p.getFileName().toString().startsWith("driftgate-chromium-")).sorted().toList();
        }
    }

    static List<Path> filesHolding(Path root, String secret) throws IOException {
        byte[][] forms = {secret.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_16LE)};
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                try {
                    String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    return Arrays.stream(forms).anyMatch(form -> bytes.contains(new String(form, StandardCharsets.ISO_8859_1)));
                } catch (IOException gone) {
                    return false;
                }
            }).toList();
        }
    }

    @Test
    void aDriftAcknowledgedInThePageIsInTheApisAudit() throws Exception {
        Path profile;
        try (HeadlessChromium chromium = HeadlessChromium.start(browser, 1280, 900)) {
            profile = chromium.profile();
            chromium.driver.get(api.dashboardUrl());
            Waits.await("the key form").atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> chromium.driver.findElement(By.id("login")).isDisplayed());
            chromium.driver.findElement(By.id("key")).sendKeys(api.adminKey());
            chromium.driver.findElement(By.cssSelector("#login button[type=submit]")).click();
            Waits.await("the data").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> "true".equals(chromium.driver.findElement(By.tagName("body")).getAttribute("data-ready")));
            chromium.driver.executeScript("const s = document.querySelector('select[name=status]'); s.value = 'open';"
                    + "s.dispatchEvent(new Event('change', {bubbles: true}));");
            Waits.await("open drifts listed").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> chromium.driver.findElements(By.cssSelector("#rows tr td:nth-child(5)")).stream().allMatch(td -> td.getText().equals("open"))
                            && !chromium.driver.findElements(By.cssSelector("#rows tr")).isEmpty());
            String id = chromium.driver.findElement(By.cssSelector("#rows tr")).getAttribute("data-id");
            chromium.driver.findElement(By.cssSelector("#rows tr")).click();
            Waits.await("the drift's detail").atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> chromium.driver.findElement(By.id("detail")).isDisplayed());
            chromium.driver.findElement(By.cssSelector("[data-action=acknowledge]")).click();
            Waits.await("the drift acknowledged on the page").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> chromium.driver.findElement(By.id("detail-fields")).getText().contains("acknowledged"));
            assertTrue(chromium.drainConsole().isEmpty(), chromium.errors.toString());
            HttpResponse<String> audit = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/v1/audit"))
                    .header("X-API-Key", api.adminKey()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, audit.statusCode(), audit.body());
            assertTrue(audit.body().contains(id) && audit.body().contains("acknowledge"), audit.body());
        }
        assertFalse(Files.exists(profile), "the profile the admin key was typed into is deleted with the browser: " + profile);
    }
}
