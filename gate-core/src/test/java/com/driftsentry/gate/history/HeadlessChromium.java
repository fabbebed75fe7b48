package com.driftsentry.gate.history;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openqa.selenium.bidi.log.LogLevel;
import org.openqa.selenium.bidi.module.LogInspector;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, driven through its own chromium-driver (both given explicitly, so
 * Selenium Manager downloads nothing) and kept off the network; every console error and uncaught
 * exception of the pages it opens is collected over WebDriver BiDi.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;
    final List<String> errors = new CopyOnWriteArrayList<>();
    private final LogInspector logs;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
        this.logs = new LogInspector(driver);
        logs.onConsoleEntry(e -> {
            if (e.getLevel() == LogLevel.ERROR) {
                errors.add("console: " + e.getText());
            }
        });
        logs.onJavaScriptException(e -> errors.add("uncaught: " + e.getText()));
    }

    /** Why no browser can run here, with the command that installs one; empty when both binaries are there. */
    static Optional<String> missing() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER) ? Optional.empty()
                : Optional.of("no " + BROWSER + " and " + DRIVER + " (fix: apt-get install -y chromium chromium-driver)");
    }

    static HeadlessChromium start(Path profile, int width, int height) {
        ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile()).addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=" + width + "," + height);
        options.setCapability("webSocketUrl", true);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).withTimeout(Duration.ofSeconds(30))
                .build();
        return new HeadlessChromium(new ChromeDriver(service, options));
    }

    @Override
    public void close() {
        logs.close();
        driver.quit();
    }
}
