package com.driftsentry.gate.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.environment.BrowserGateConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the browser gate finds its browser, in the stated order, on machines laid out as the users' are: GitHub's
 * Ubuntu runner (Google Chrome in CHROME_BIN, its driver under CHROMEWEBDRIVER), a machine with only a PATH, an
 * explicit setting, none at all. The binaries are scripts that print what the real ones print for --version.
 */
class BrowserLocatorTest {
    @TempDir
    Path dir;

    Path fake(String path, String version) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\necho '" + version + "'\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    BrowserLocator locator(Map<String, String> env, Map<String, String> properties, BrowserGateConfig config) {
        return new BrowserLocator(env, properties, config, dir.resolve("usr/bin/chromium"), dir.resolve("usr/bin/chromedriver"));
    }

    BrowserLocator locator(Map<String, String> env) {
        return locator(env, Map.of(), BrowserGateConfig.DEFAULT);
    }

    @Test
    void githubsRunnerLayoutIsFoundThroughChromeBinAndChromeWebDriver() throws Exception {
        Path chrome = fake("runner/usr/bin/google-chrome", "Google Chrome 143.0.7499.40");
        fake("runner/usr/local/share/chromedriver-linux64/chromedriver", "ChromeDriver 143.0.7499.40 (abc-refs/branch-heads/7499@{#1})");
        // The runner's Chromium snapshot may be of another major than its driver: CHROME_BIN comes first.
        fake("runner/usr/local/bin/chromium", "Chromium 142.0.7444.0");
        BrowserLocator.Browser found = locator(Map.of("CHROME_BIN", chrome.toString(),
                "CHROMEWEBDRIVER", dir.resolve("runner/usr/local/share/chromedriver-linux64").toString(),
                "PATH", dir.resolve("runner/usr/local/bin") + ":" + dir.resolve("runner/usr/bin"))).locate().browser().orElseThrow();
        assertEquals(chrome, found.binary());
        assertEquals("CHROME_BIN", found.binaryFrom());
        assertEquals("CHROMEWEBDRIVER", found.driverFrom());
        assertEquals(143, found.major());
    }

    @Test
    void thePathIsSearchedInOrderWhenNoVariableIsSet() throws Exception {
        fake("bin/chromium-browser", "Chromium 150.0.1.2");
        Path chromium = fake("bin/chromium", "Chromium 150.0.1.2 built on Debian GNU/Linux 12 (bookworm)");
        fake("bin/chromedriver", "ChromeDriver 150.0.1.2");
        BrowserLocator.Browser found = locator(Map.of("PATH", "/nonexistent:" + dir.resolve("bin"))).locate().browser().orElseThrow();
        assertEquals(chromium, found.binary(), "chromium comes before chromium-browser");
        assertEquals("chromium on the PATH", found.binaryFrom());
    }

    @Test
    void anExplicitSettingWinsAndTheCommandLineWinsOverTheVariableAndTheFile() throws Exception {
        Path fromFile = fake("file/chrome", "Google Chrome 140.0.1.1");
        Path fromEnv = fake("env/chrome", "Google Chrome 141.0.1.1");
        Path fromProperty = fake("property/chrome", "Google Chrome 142.0.1.1");
        Path driver = fake("driver/chromedriver", "ChromeDriver 142.0.1.1");
        fake("bin/google-chrome", "Google Chrome 139.0.1.1");
        BrowserGateConfig config = new BrowserGateConfig(1, Duration.ofSeconds(2), Duration.ofSeconds(2), 0, Duration.ofSeconds(5), Optional.empty(),
                Optional.of(fromFile.toString()), Optional.of(driver.toString()));
        Map<String, String> env = new HashMap<>(Map.of("PATH", dir.resolve("bin").toString(), "DRIFTGATE_BROWSER_BINARY", fromEnv.toString()));
        assertEquals(fromProperty, locator(env, Map.of("gate.browser.binary", fromProperty.toString()), config).locate().browser().orElseThrow().binary());
        // Without -D, the variable; without either, the file (whose 140 then meets a 142 driver: said, not started).
        BrowserLocator.Located byVariable = locator(env, Map.of(), config).locate();
        assertTrue(byVariable.problem().contains("does not drive browser 141 (" + fromEnv + ", DRIFTGATE_BROWSER_BINARY)"), byVariable.problem());
        env.remove("DRIFTGATE_BROWSER_BINARY");
        assertTrue(locator(env, Map.of(), config).locate().problem().contains("browser 140 (" + fromFile + ", gates.browser.binary)"));
    }

    @Test
    void anExplicitSettingThatNamesNothingIsSaidNotPassedOver() throws Exception {
        fake("bin/google-chrome", "Google Chrome 139.0.1.1");
        fake("bin/chromedriver", "ChromeDriver 139.0.1.1");
        BrowserLocator.Located located = locator(Map.of("PATH", dir.resolve("bin").toString(), "DRIFTGATE_BROWSER_DRIVER", "/opt/none/chromedriver")).locate();
        assertTrue(located.browser().isEmpty());
        assertEquals("DRIFTGATE_BROWSER_DRIVER names /opt/none/chromedriver, which is not an executable file (fix: the path of a chromedriver,"
                + " or unset it to search the usual places)", located.problem());
    }

    @Test
    void aDriverOfAnotherMajorVersionIsNamedInOneLineWithTheFix() throws Exception {
        Path chrome = fake("bin/google-chrome", "Google Chrome 143.0.7499.40");
        Path driver = fake("bin/chromedriver", "ChromeDriver 142.0.7444.59 (x)");
        BrowserLocator.Located located = locator(Map.of("PATH", dir.resolve("bin").toString())).locate();
        assertTrue(located.browser().isEmpty());
        assertEquals("chromedriver 142 (" + driver + ", chromedriver on the PATH) does not drive browser 143 (" + chrome
                + ", google-chrome on the PATH) (fix: a chromedriver of major 143 in gates.browser.driver or DRIFTGATE_BROWSER_DRIVER,"
                + " or the browser it was built for in gates.browser.binary)", located.problem());
        assertEquals(1, located.problem().lines().count());
    }

    @Test
    void noBrowserNamesEveryPlaceLookedAndTheFix() {
        BrowserLocator.Located located = locator(Map.of("PATH", "/nonexistent")).locate();
        assertTrue(located.browser().isEmpty());
        assertEquals("no Chrome or Chromium: looked at -Dgate.browser.binary, DRIFTGATE_BROWSER_BINARY, gates.browser.binary, CHROME_BIN (unset),"
                + " google-chrome on the PATH (/nonexistent), google-chrome-stable on the PATH (/nonexistent), chromium on the PATH (/nonexistent),"
                + " chromium-browser on the PATH (/nonexistent), " + dir.resolve("usr/bin/chromium")
                + " (fix: apt-get install -y chromium chromium-driver, or name one in gates.browser.binary or DRIFTGATE_BROWSER_BINARY)", located.problem());
    }

    @Test
    void aBrowserWithoutADriverNamesWhereTheDriverWasLookedFor() throws Exception {
        fake("bin/google-chrome", "Google Chrome 143.0.7499.40");
        BrowserLocator.Located located = locator(Map.of("PATH", dir.resolve("bin").toString(), "CHROMEWEBDRIVER", "/opt/driver")).locate();
        assertTrue(located.problem().startsWith("no chromedriver for " + dir.resolve("bin/google-chrome") + ": looked at -Dgate.browser.driver,"
                + " DRIFTGATE_BROWSER_DRIVER, gates.browser.driver, CHROMEWEBDRIVER (/opt/driver/chromedriver), chromedriver on the PATH"), located.problem());
    }

    @Test
    void aBinaryThatPrintsNoVersionIsNamed() throws Exception {
        fake("bin/google-chrome", "Segmentation fault");
        fake("bin/chromedriver", "ChromeDriver 143.0.1.1");
        BrowserLocator.Located located = locator(Map.of("PATH", dir.resolve("bin").toString())).locate();
        assertTrue(located.problem().startsWith(dir.resolve("bin/google-chrome") + " (google-chrome on the PATH) does not run"), located.problem());
    }
}
