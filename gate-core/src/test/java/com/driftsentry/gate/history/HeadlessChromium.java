package com.driftsentry.gate.history;

import com.driftsentry.gate.waiting.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.core.ConditionTimeoutException;
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

    /**
     * Why no browser can run here, with the command that installs one; empty when both binaries are
     * there. Where one is required ({@code DRIFTGATE_BROWSER_REQUIRED=true}: .ci/run, which installs
     * it beside the build) it is waited for, up to 5 minutes, first.
     */
    static Optional<String> missing() {
        if ("true".equals(System.getenv("DRIFTGATE_BROWSER_REQUIRED")) && !installed()) {
            try {
                Waits.await("chromium and chromium-driver, installed by .ci/run beside the build").atMost(Duration.ofMinutes(5))
                        .pollInterval(Duration.ofSeconds(1)).until(HeadlessChromium::installed);
            } catch (ConditionTimeoutException e) {
                // said below
            }
        }
        return installed() ? Optional.empty()
                : Optional.of("no " + BROWSER + " and " + DRIVER + " (fix: apt-get install -y chromium chromium-driver)");
    }

    /** Both binaries there, and no apt or dpkg still at work (a binary is unpacked before its libraries are set up). */
    private static boolean installed() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER) && ProcessHandle.allProcesses()
                .map(p -> p.info().command().map(c -> Path.of(c).getFileName().toString()).orElse(""))
                .noneMatch(c -> c.equals("dpkg") || c.equals("apt-get") || c.equals("apt"));
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
