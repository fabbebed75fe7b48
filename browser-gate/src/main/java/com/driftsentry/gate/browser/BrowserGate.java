package com.driftsentry.gate.browser;

import com.driftsentry.gate.background.OwnThread;
import com.driftsentry.gate.target.HealthClient;
import com.driftsentry.gate.json.Json;
import com.driftsentry.gate.environment.BrowserGateConfig;
import com.driftsentry.gate.environment.Masker;
import com.driftsentry.gate.evidence.Percentiles;
import com.driftsentry.gate.verdict.Bound;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.waiting.Waits;
import com.driftsentry.gate.verdict.VerdictLine;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.core.ConditionTimeoutException;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;

/**
 * The browser gate: the dashboard in headless Chromium, as its users see it. The key is entered once
 * (as a person does; it stays in the tab), then the page is loaded {@code loads} times and each load
 * is measured: the time until its data is on the page, the largest contentful paint, every console
 * error and uncaught exception, every request answered 4xx/5xx or not at all; the figures the page
 * shows are compared with the API's own summary for the same key. No browser ({@link BrowserLocator}):
 * INCONCLUSIVE, naming every place looked and the fix. On anything short of PASS a screenshot and the console lines go to the report folder.
 */
public final class BrowserGate {
    private static final String TIMINGS = "const n = performance.getEntriesByType('navigation')[0];"
            + "const r = performance.getEntriesByName('dashboard-ready')[0];"
            + "return [n ? n.loadEventEnd : -1, r ? r.startTime : -1];";
    // The largest contentful paint so far, read after the next frame: the data just shown is painted in that frame, and
    // its paint entry is queued by then. At most 100 ms, where no frame comes (the longest wait, before, on every load).
    private static final String LCP = "const done = arguments[arguments.length - 1]; let last = -1, po = null, over = false;"
            + "const keep = (e) => { if (e.length) last = e[e.length - 1].startTime; };"
            + "const end = () => { if (over) return; over = true; if (po) { keep(po.takeRecords()); po.disconnect(); } done(last); };"
            + "try { po = new PerformanceObserver((l) => keep(l.getEntries())); po.observe({type: 'largest-contentful-paint', buffered: true}); }"
            + " catch (e) {}"
            + "requestAnimationFrame(() => setTimeout(end, 0)); setTimeout(end, 100);";
    private static final String SHOWN = "const m = {}; document.querySelectorAll('[data-summary]').forEach(e => m[e.dataset.summary] = e.textContent);"
            + "return m;";

    private final BrowserGateConfig config;
    private final String environment;
    private final Path reports;
    private final BrowserLocator locator;
    private Masker masker = new Masker();
    private CompletableFuture<Opened> opening;

    public BrowserGate(BrowserGateConfig config, String environment, Path reports) {
        this(config, environment, reports, BrowserLocator.fromSystem(config));
    }

    public BrowserGate(BrowserGateConfig config, String environment, Path reports, BrowserLocator locator) {
        this.config = config;
        this.environment = environment;
        this.reports = reports;
        this.locator = locator;
    }

    /** The environment's masker: every secret it knows (and the key this gate is given) is blanked from the evidence files. */
    public BrowserGate masking(Masker secrets) {
        this.masker = secrets;
        return this;
    }

    /**
     * Finds and starts the browser on a thread of its own, for {@link #judge} to use: Chromium's start (about 1.5 s) can
     * go on while a gate before this one runs, as it sends the page nothing. {@link #discard()} closes it unused.
     */
    public BrowserGate prepare() {
        if (opening == null) {
            opening = CompletableFuture.supplyAsync(this::open, OwnThread.named("browser-start"));
        }
        return this;
    }

    /** Closes a browser {@link #prepare()} started, when this gate will not judge. */
    public void discard() {
        if (opening != null) {
            opening.thenAccept(Opened::close);
            opening = null;
        }
    }

    public Verdict judge(String dashboardUrl, String apiBaseUrl, String apiKey) {
        masker.register(apiKey);
        Opened opened = opening != null ? opening.join() : open();
        opening = null;
        if (opened.browser() == null) {
            return verdict(dashboardUrl, apiBaseUrl, List.of(VerdictLine.of("browser").threshold("headless Chrome or Chromium runs the page")
                    .measured("no browser").samples(0, 1).window("this machine").inconclusive(opened.noBrowser())));
        }
        BrowserLocator.Browser browser = opened.browser();
        if (opened.failed() != null) {
            return failed(dashboardUrl, apiBaseUrl, browser, opened.failed());
        }
        try (HeadlessChromium chromium = opened.chromium()) {
            List<PageLoad> loads = new ArrayList<>();
            String problem = enterKey(chromium, dashboardUrl, apiKey);
            for (int i = 0; i < config.loads() && problem == null; i++) {
                chromium.driver.navigate().refresh();
                PageLoad load = measure(chromium);
                loads.add(load);
                if (!load.ready()) {
                    problem = pageProblem(chromium);
                }
            }
            List<VerdictLine> lines = new ArrayList<>();
            lines.add(percentileLine("page load", loads.stream().map(PageLoad::loadMs).toList(), config.loadP95(), problem));
            lines.add(percentileLine("largest contentful paint", loads.stream().filter(PageLoad::ready).map(PageLoad::lcpMs).toList(),
                    config.lcpP95(), problem));
            lines.add(countLine("console errors", chromium.drainConsole(), config.maxConsoleErrors()));
            lines.add(countLine("failed requests", chromium.failedRequests, 0));
            lines.add(figures(chromium, apiBaseUrl, apiKey, problem));
            Verdict v = verdict(dashboardUrl, apiBaseUrl, lines);
            if (!v.failing().isEmpty()) {
                keepEvidence(chromium);
            }
            return v;
        } catch (WebDriverException e) {
            return failed(dashboardUrl, apiBaseUrl, browser, e);
        }
    }

    /** The browser found and started; or none found (why), or found and failed to start. */
    private record Opened(BrowserLocator.Browser browser, HeadlessChromium chromium, String noBrowser, WebDriverException failed) {
        void close() {
            if (chromium != null) {
                chromium.close();
            }
        }
    }

    private Opened open() {
        BrowserLocator.Located located = locator.locate();
        if (located.browser().isEmpty()) {
            return new Opened(null, null, located.problem(), null);
        }
        try {
            return new Opened(located.browser().get(), HeadlessChromium.start(located.browser().get(), 1280, 900), null, null);
        } catch (WebDriverException e) {
            return new Opened(located.browser().get(), null, null, e);
        }
    }

    private Verdict failed(String dashboardUrl, String apiBaseUrl, BrowserLocator.Browser browser, WebDriverException e) {
        return verdict(dashboardUrl, apiBaseUrl, List.of(VerdictLine.of("browser").threshold("headless Chromium runs the page")
                .measured("the browser failed").samples(0, 1).window("this run")
                .inconclusive("the browser or its driver failed: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + " ("
                        + browser + "; fix: " + BrowserLocator.INSTALL + ", or name a working pair in gates.browser.binary and .driver)")));
    }

    /** The first load: the page asks for the key once; returns why the data never came, or null. */
    private String enterKey(HeadlessChromium chromium, String dashboardUrl, String apiKey) {
        chromium.driver.get(dashboardUrl);
        try {
            until(chromium, "the page to ask for the key", () -> chromium.driver.findElement(By.id("login")).isDisplayed()
                    || chromium.driver.findElement(By.id("problem")).isDisplayed());
        } catch (ConditionTimeoutException e) {
            return "the page never asked for the key: " + pageProblem(chromium);
        }
        if (!chromium.driver.findElement(By.id("login")).isDisplayed()) {
            return pageProblem(chromium);
        }
        chromium.driver.findElement(By.id("key")).sendKeys(apiKey);
        chromium.driver.findElement(By.cssSelector("#login button[type=submit]")).click();
        return measure(chromium).ready() ? null : pageProblem(chromium);
    }

    private PageLoad measure(HeadlessChromium chromium) {
        try {
            until(chromium, "the page to show its data", () -> "true".equals(chromium.driver.findElement(By.tagName("body")).getAttribute("data-ready"))
                    || chromium.driver.findElement(By.id("problem")).isDisplayed());
        } catch (ConditionTimeoutException e) {
            return new PageLoad(-1, -1);
        }
        Object lcp = chromium.driver.executeAsyncScript(LCP);
        return PageLoad.of(chromium.driver.executeScript(TIMINGS), lcp == null ? -1 : ((Number) lcp).doubleValue());
    }

    /** Polls the page (an element not there yet is a "not yet"), at most the page timeout. */
    private void until(HeadlessChromium chromium, String what, java.util.concurrent.Callable<Boolean> condition) {
        Waits.await(what).atMost(config.pageTimeout()).pollInterval(Duration.ofMillis(25)).pollDelay(Duration.ZERO)
                .ignoreExceptionsInstanceOf(org.openqa.selenium.NoSuchElementException.class).until(condition);
    }

    private static String pageProblem(HeadlessChromium chromium) {
        try {
            String shown = chromium.driver.findElement(By.id("problem")).getText();
            if (!shown.isBlank()) {
                return "the page says: " + shown;
            }
        } catch (WebDriverException e) {
            // no page element to read: the console says why
        }
        List<String> errors = chromium.drainConsole();
        return errors.isEmpty() ? "the page showed no data and said nothing" : "the page showed no data; " + errors.get(0);
    }

    private VerdictLine percentileLine(String what, List<Double> millis, Duration bound, String problem) {
        Bound within = Bound.atMost(bound.toMillis());
        VerdictLine.Builder line = VerdictLine.of(what + " p95").threshold(within.written(bound.toMillis() + " ms"))
                .window(config.loads() + " loads after the key is entered once");
        List<Double> measured = millis.stream().filter(m -> m >= 0).sorted().toList();
        double p95 = Percentiles.ofMillis(measured, 95);
        line = line.samples(measured.size(), config.loads());
        if (problem != null) {
            return line.measured(measured.isEmpty() ? "no load showed its data" : "p95 " + ms(p95) + " of " + measured.size())
                    .fail(problem);
        }
        if (measured.size() < config.loads()) {
            return line.measured(measured.size() + " of " + config.loads() + " loads reported it")
                    .inconclusive("the browser reported no " + what + " for " + (config.loads() - measured.size()) + " load(s)");
        }
        return line.measured("p95 " + ms(p95) + ", p50 " + ms(Percentiles.ofMillis(measured, 50)) + ", max " + ms(measured.get(measured.size() - 1)))
                .judged(within, p95, "within the bound", String.format(Locale.ROOT, "p95 %s is over %d ms", ms(p95), bound.toMillis()));
    }

    private VerdictLine countLine(String what, List<String> seen, int allowed) {
        VerdictLine.Builder line = VerdictLine.of(what).threshold("at most " + allowed).measured(Integer.toString(seen.size()))
                .samples(config.loads() + 1, config.loads() + 1).window("every load");
        return line.judged(seen.size() <= allowed, "none", seen.size() + ": " + String.join("; ", seen.subList(0, Math.min(3, seen.size())))
                + (seen.size() > 3 ? "; and " + (seen.size() - 3) + " more" : ""));
    }

    /** The figures on the page against {@code GET /api/v1/dashboard/summary} with the same key, read just after. */
    private VerdictLine figures(HeadlessChromium chromium, String apiBaseUrl, String apiKey, String problem) {
        VerdictLine.Builder line = VerdictLine.of("figures shown").threshold("equal the API's summary").window("the last load");
        if (problem != null) {
            return line.measured("no data on the page").samples(0, 1).fail(problem);
        }
        JsonNode api;
        try {
            HttpResponse<String> r = HealthClient.send(HttpRequest.newBuilder(URI.create(apiBaseUrl.replaceAll("/+$", "") + "/api/v1/dashboard/summary"))
                    .header("X-API-Key", apiKey));
            if (r.statusCode() != 200) {
                return line.measured("the API answered " + r.statusCode()).samples(0, 1).inconclusive("the API's summary could not be read");
            }
            api = Json.MAPPER.readTree(r.body());
        } catch (IOException | InterruptedException e) {
            return line.measured("no answer").samples(0, 1).inconclusive("the API's summary could not be read: " + e.getClass().getSimpleName());
        }
        Map<?, ?> shown = (Map<?, ?>) chromium.driver.executeScript(SHOWN);
        List<String> differ = new ArrayList<>();
        shown.forEach((path, text) -> {
            JsonNode v = api.at("/" + String.valueOf(path).replace('.', '/'));
            if (v.isMissingNode() || !same(v.asText(), String.valueOf(text))) {
                differ.add(path + ": page " + text + ", API " + (v.isMissingNode() ? "none" : v.asText()));
            }
        });
        return line.measured((shown.size() - differ.size()) + " of " + shown.size() + " equal").samples(shown.size(), 1)
                .judged(differ.isEmpty() && !shown.isEmpty(), "every figure equals the API's", shown.isEmpty() ? "the page shows no figures"
                        : String.join("; ", differ));
    }

    private static boolean same(String api, String page) {
        try {
            return new BigDecimal(api).compareTo(new BigDecimal(page.trim())) == 0;
        } catch (NumberFormatException e) {
            return api.equals(page.trim());
        }
    }

    private void keepEvidence(HeadlessChromium chromium) {
        try {
            Files.createDirectories(reports);
            Files.write(reports.resolve("browser-screenshot.png"), chromium.driver.getScreenshotAs(OutputType.BYTES));
            List<String> lines = new ArrayList<>(chromium.errors);
            lines.addAll(chromium.failedRequests);
            Files.write(reports.resolve("browser-console.txt"), lines.stream().map(masker::mask).toList());
        } catch (IOException | WebDriverException e) {
            // The verdict stands without its evidence files; it says why it failed on its own.
        }
    }

    private Verdict verdict(String dashboardUrl, String apiBaseUrl, List<VerdictLine> lines) {
        return Verdict.of("browser", environment, dashboardUrl, apiBaseUrl, lines);
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, "%.0f ms", millis);
    }
}
