package com.driftsentry.gate.browser;

import com.driftsentry.gate.environment.BrowserGateConfig;
import com.driftsentry.gate.waiting.Waits;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Finds the Chrome or Chromium the browser gate runs, and its chromedriver, where a machine keeps them. In
 * this order, the first one there wins:
 * <ol>
 * <li>an explicit setting: {@code -Dgate.browser.binary}, else {@code DRIFTGATE_BROWSER_BINARY}, else
 * {@code gates.browser.binary} (the same three for {@code driver}); a setting that names nothing is said, not
 * passed over;</li>
 * <li>{@code CHROME_BIN} and {@code $CHROMEWEBDRIVER/chromedriver} (GitHub's Ubuntu runners set both for their
 * Google Chrome);</li>
 * <li>{@code google-chrome}, {@code google-chrome-stable}, {@code chromium}, {@code chromium-browser} and
 * {@code chromedriver} on the {@code PATH};</li>
 * <li>Debian's {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}.</li>
 * </ol>
 * The two must share a major version (chromedriver refuses another browser with a message few read); a pair
 * that does not is one line naming both and the fix. Nothing is downloaded.
 */
public final class BrowserLocator {
    public static final String INSTALL = "apt-get install -y chromium chromium-driver";
    private static final List<String> BROWSERS_ON_PATH = List.of("google-chrome", "google-chrome-stable", "chromium", "chromium-browser");
    private static final Pattern MAJOR = Pattern.compile("(?:Chrome|Chromium|ChromeDriver)\\D*?(\\d+)\\.\\d+");

    /** A browser and a driver of the same major version, and where each was found. */
    public record Browser(Path binary, String binaryFrom, Path driver, String driverFrom, int major) {
        @Override
        public String toString() {
            return binary + " (" + binaryFrom + ") with " + driver + " (" + driverFrom + "), major " + major;
        }
    }

    /** The outcome of a search: a browser, or why there is none (one line that names every place looked and the fix). */
    public record Located(Optional<Browser> browser, String problem) {
        static Located missing(String problem) {
            return new Located(Optional.empty(), problem);
        }
    }

    private record Setting(String name, String value) {
    }

    private final Map<String, String> env;
    private final Map<String, String> properties;
    private final BrowserGateConfig config;
    private final Path debianBrowser;
    private final Path debianDriver;

    public BrowserLocator(Map<String, String> env, Map<String, String> properties, BrowserGateConfig config, Path debianBrowser, Path debianDriver) {
        this.env = env;
        this.properties = properties;
        this.config = config;
        this.debianBrowser = debianBrowser;
        this.debianDriver = debianDriver;
    }

    /** This machine's environment, {@code -D} settings and Debian's paths. */
    public static BrowserLocator fromSystem(BrowserGateConfig config) {
        Map<String, String> properties = new java.util.HashMap<>();
        System.getProperties().stringPropertyNames().forEach(k -> properties.put(k, System.getProperty(k)));
        return new BrowserLocator(System.getenv(), properties, config, Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromedriver"));
    }

    public static BrowserLocator fromSystem() {
        return fromSystem(BrowserGateConfig.DEFAULT);
    }

    /**
     * The search, once. Where a browser is required ({@code DRIFTGATE_BROWSER_REQUIRED=true}: .ci/run, which
     * installs Debian's beside the build) it is waited for, up to 5 minutes, and no package install may still be
     * at work (a binary is unpacked before its libraries are set up).
     */
    public Located locate() {
        // Each search asks both binaries their version: the last one made is the answer, not one more.
        AtomicReference<Located> found = new AtomicReference<>(search());
        if ("true".equals(env.get("DRIFTGATE_BROWSER_REQUIRED")) && !usable(found.get())) {
            try {
                Waits.await("a browser and its driver, installed by .ci/run beside the build").atMost(Duration.ofMinutes(5))
                        .pollInterval(Duration.ofSeconds(1)).until(() -> usable(found.updateAndGet(previous -> search())));
            } catch (ConditionTimeoutException e) {
                // the last search says what is missing
            }
        }
        return found.get();
    }

    private static boolean usable(Located located) {
        return located.browser().isPresent() && ProcessHandle.allProcesses()
                .map(p -> p.info().command().map(c -> Path.of(c).getFileName().toString()).orElse(""))
                .noneMatch(c -> c.equals("dpkg") || c.equals("apt-get") || c.equals("apt"));
    }

    Located search() {
        List<String> looked = new ArrayList<>();
        Optional<Setting> explicitBinary = explicit("binary", "DRIFTGATE_BROWSER_BINARY", config.binary());
        Optional<Setting> explicitDriver = explicit("driver", "DRIFTGATE_BROWSER_DRIVER", config.driver());
        Optional<String> unusable = notExecutable(explicitBinary, "a Chrome or Chromium binary").or(() -> notExecutable(explicitDriver, "a chromedriver"));
        if (unusable.isPresent()) {
            return Located.missing(unusable.get());
        }
        Optional<Found> binary = explicitBinary.map(s -> new Found(Path.of(s.value()), s.name())).or(() -> browserInUsualPlaces(looked));
        if (binary.isEmpty()) {
            return Located.missing("no Chrome or Chromium: looked at -Dgate.browser.binary, DRIFTGATE_BROWSER_BINARY, gates.browser.binary, "
                    + String.join(", ", looked) + " (fix: " + INSTALL + ", or name one in gates.browser.binary or DRIFTGATE_BROWSER_BINARY)");
        }
        looked.clear();
        Optional<Found> driver = explicitDriver.map(s -> new Found(Path.of(s.value()), s.name())).or(() -> driverInUsualPlaces(looked));
        if (driver.isEmpty()) {
            return Located.missing("no chromedriver for " + binary.get().path() + ": looked at -Dgate.browser.driver, DRIFTGATE_BROWSER_DRIVER, "
                    + "gates.browser.driver, " + String.join(", ", looked) + " (fix: " + INSTALL + ", or name one in gates.browser.driver"
                    + " or DRIFTGATE_BROWSER_DRIVER)");
        }
        return pair(binary.get(), driver.get());
    }

    private record Found(Path path, String from) {
    }

    private static Optional<String> notExecutable(Optional<Setting> setting, String what) {
        return setting.filter(s -> !executable(Path.of(s.value()))).map(s -> s.name() + " names " + s.value()
                + ", which is not an executable file (fix: the path of " + what + ", or unset it to search the usual places)");
    }

    private Optional<Setting> explicit(String key, String variable, Optional<String> inFile) {
        String property = properties.get("gate.browser." + key);
        if (property != null && !property.isBlank()) {
            return Optional.of(new Setting("-Dgate.browser." + key, property));
        }
        String fromEnv = env.get(variable);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(new Setting(variable, fromEnv));
        }
        return inFile.map(v -> new Setting("gates.browser." + key, v));
    }

    private Optional<Found> browserInUsualPlaces(List<String> looked) {
        Optional<Found> found = fromVariable("CHROME_BIN", Optional.ofNullable(env.get("CHROME_BIN")).map(Path::of), looked);
        for (String name : BROWSERS_ON_PATH) {
            found = found.or(() -> onPath(name, looked));
        }
        return found.or(() -> fixed(debianBrowser, looked));
    }

    private Optional<Found> driverInUsualPlaces(List<String> looked) {
        return fromVariable("CHROMEWEBDRIVER", Optional.ofNullable(env.get("CHROMEWEBDRIVER")).map(d -> Path.of(d, "chromedriver")), looked)
                .or(() -> onPath("chromedriver", looked)).or(() -> fixed(debianDriver, looked));
    }

    private static Optional<Found> fromVariable(String variable, Optional<Path> path, List<String> looked) {
        if (path.isEmpty()) {
            looked.add(variable + " (unset)");
            return Optional.empty();
        }
        looked.add(variable + " (" + path.get() + ")");
        return path.filter(BrowserLocator::executable).map(p -> new Found(p, variable));
    }

    private Optional<Found> onPath(String name, List<String> looked) {
        String path = env.getOrDefault("PATH", "");
        looked.add(name + " on the PATH (" + path + ")");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isBlank() && executable(Path.of(dir, name))) {
                return Optional.of(new Found(Path.of(dir, name), name + " on the PATH"));
            }
        }
        return Optional.empty();
    }

    private static Optional<Found> fixed(Path path, List<String> looked) {
        looked.add(path.toString());
        return executable(path) ? Optional.of(new Found(path, "Debian's path")) : Optional.empty();
    }

    private static boolean executable(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p);
    }

    private static Located pair(Found binary, Found driver) {
        Optional<Integer> browserMajor = major(binary.path());
        Optional<Integer> driverMajor = major(driver.path());
        if (browserMajor.isEmpty() || driverMajor.isEmpty()) {
            Found bad = browserMajor.isEmpty() ? binary : driver;
            return Located.missing(bad.path() + " (" + bad.from() + ") does not run: '--version' named no version (fix: "
                    + INSTALL + ", or name a working one in gates.browser." + (bad == binary ? "binary" : "driver") + ")");
        }
        if (!browserMajor.get().equals(driverMajor.get())) {
            return Located.missing("chromedriver " + driverMajor.get() + " (" + driver.path() + ", " + driver.from() + ") does not drive browser "
                    + browserMajor.get() + " (" + binary.path() + ", " + binary.from() + ") (fix: a chromedriver of major " + browserMajor.get()
                    + " in gates.browser.driver or DRIFTGATE_BROWSER_DRIVER, or the browser it was built for in gates.browser.binary)");
        }
        return new Located(Optional.of(new Browser(binary.path(), binary.from(), driver.path(), driver.from(), browserMajor.get())), "");
    }

    /** The major version the binary prints for {@code --version} ("Google Chrome 131.0…", "Chromium 156.0…", "ChromeDriver 156.0…"). */
    static Optional<Integer> major(Path binary) {
        Path out = null;
        try {
            // Into a file, so that a binary that hangs is bounded by waitFor, not by a read that never ends.
            out = Files.createTempFile("browser-version", ".txt");
            Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            Matcher m = MAJOR.matcher(Files.readString(out, StandardCharsets.UTF_8));
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (out != null) {
                out.toFile().delete();
            }
        }
    }
}
