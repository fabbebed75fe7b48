package com.driftsentry.gate.browser;

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

/**
 * Chrome or Chromium, headless, driven through its chromedriver (both as {@link BrowserLocator} found them and
 * given explicitly, so Selenium Manager downloads nothing) and kept off the network; the console errors of the pages it
 * opens come from the browser's log ({@link #drainConsole()}), every failed request (a 4xx/5xx answer
 * or a request that got none) over WebDriver BiDi.
 */
public final class HeadlessChromium implements AutoCloseable {
    public final ChromeDriver driver;
    public final List<String> errors = new CopyOnWriteArrayList<>();
    public final List<String> failedRequests = new CopyOnWriteArrayList<>();
    private final Network network;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
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

    public static HeadlessChromium start(BrowserLocator.Browser browser, Path profile, int width, int height) {
        ChromeOptions options = new ChromeOptions().setBinary(browser.binary().toFile()).addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-domain-reliability", "--no-default-browser-check",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=" + width + "," + height);
        options.setCapability("webSocketUrl", true);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(browser.driver().toFile()).withTimeout(Duration.ofSeconds(30))
                .build();
        return new HeadlessChromium(new ChromeDriver(service, options));
    }

    @Override
    public void close() {
        network.close();
        driver.quit();
    }
}
