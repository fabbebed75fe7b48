package com.driftsentry.gate.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.bidi.module.Network;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.io.FileHandler;

/**
 * Chrome or Chromium, headless, driven through its chromedriver (both as {@link BrowserLocator} found them and
 * given explicitly, so Selenium Manager downloads nothing) and kept off the network; the console errors of the pages it
 * opens come from the browser's log ({@link #drainConsole()}), every failed request (a 4xx/5xx answer
 * or a request that got none) over WebDriver BiDi. Its profile is a temporary folder of its own, deleted when the browser
 * closes: a page keeps what a user typed there (the dashboard keeps the API key in its session storage, which Chromium
 * writes to the profile), so the profile must never sit in a report folder a workflow uploads.
 */
public final class HeadlessChromium implements AutoCloseable {
    public final ChromeDriver driver;
    public final List<String> errors = new CopyOnWriteArrayList<>();
    public final List<String> failedRequests = new CopyOnWriteArrayList<>();
    private final Network network;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
        this.network = new Network(driver);
        network.onResponseCompleted(r -> {
            if (r.getResponseData().getStatus() >= 400) {
                failedRequests.add(r.getRequest().getMethod() + " " + r.getRequest().getUrl() + " answered " + r.getResponseData().getStatus());
            }
        });
        network.onFetchError(f -> failedRequests.add(f.getRequest().getMethod() + " " + f.getRequest().getUrl() + " failed: " + f.getErrorText()));
    }

    /**
     * Moves the browser's console errors seen since the last call into {@link #errors}: console.error,
     * uncaught exceptions, and what the browser itself reports there (a script the content security
     * policy refused, a resource that failed to load), which WebDriver BiDi's log events leave out.
     */
    public List<String> drainConsole() {
        driver.manage().logs().get(LogType.BROWSER).getAll().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(e -> "console: " + e.getMessage()).forEach(errors::add);
        return errors;
    }

    public static HeadlessChromium start(BrowserLocator.Browser browser, int width, int height) {
        Path profile;
        try {
            profile = Files.createTempDirectory("driftgate-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not make a temporary folder for the browser's profile", e);
        }
        try {
            return start(browser, profile, width, height);
        } catch (RuntimeException e) {
            delete(profile);
            throw e;
        }
    }

    private static HeadlessChromium start(BrowserLocator.Browser browser, Path profile, int width, int height) {
        ChromeOptions options = new ChromeOptions().setBinary(browser.binary().toFile()).addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-domain-reliability", "--no-default-browser-check",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=" + width + "," + height);
        options.setCapability("webSocketUrl", true);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(browser.driver().toFile()).withTimeout(Duration.ofSeconds(30))
                .build();
        return new HeadlessChromium(new ChromeDriver(service, options), profile);
    }

    /** The browser's profile folder while it runs; gone once {@link #close()} returns. */
    public Path profile() {
        return profile;
    }

    @Override
    public void close() {
        try {
            network.close();
            driver.quit();
        } finally {
            delete(profile);
        }
    }

    private static void delete(Path dir) {
        if (!FileHandler.delete(dir.toFile()) && Files.exists(dir)) {
            System.err.println("driftgate browser: could not delete the browser's profile " + dir + " (it holds what the page kept; delete it)");
        }
    }
}
