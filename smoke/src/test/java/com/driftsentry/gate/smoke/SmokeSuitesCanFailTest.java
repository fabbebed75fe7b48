package com.driftsentry.gate.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.environment.EnvironmentLoader;
import com.driftsentry.gate.environment.SecretResolver;
import com.driftsentry.gate.suite.SuiteRunner;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.VerdictLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke suites fail for the right reason: an embedded service that is never ready, drops a
 * security header and fails every drifts request makes exactly the health, security, drifts (and
 * auth, which reads drifts) suites fail, each naming what broke, while the cache suite passes.
 */
class SmokeSuitesCanFailTest {
    @TempDir
    Path dir;

    @Test
    void eachBrokenAreaFailsItsOwnSuite() throws IOException {
        Environment env = load(dir, "broken", """
                name: broken
                target: { baseUrl: embedded, seed: 20 }
                gates:
                  smoke: { tags: [health, auth, drifts, security, cache], allowedOrigin: https://app.driftsentry.example }
                """, Map.of());
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        SuiteRunner.Result result = SmokeGate.run(env, dir, new PrintStream(console, true, StandardCharsets.UTF_8), Map.of(
                "DRIFTSENTRY_FAULT_NEVER_READY", "true",
                "DRIFTSENTRY_FAULT_DROP_HEADERS", "Strict-Transport-Security",
                "DRIFTSENTRY_FAULT_ERROR_RATE", "1.0",
                "DRIFTSENTRY_FAULT_ROUTES", "/api/v1/drifts"));

        assertEquals(Outcome.FAIL, result.verdict().outcome(), console.toString(StandardCharsets.UTF_8));
        assertLine(result, "smoke health", Outcome.FAIL, "/health/ready answered 503");
        assertLine(result, "smoke security", Outcome.FAIL, "Strict-Transport-Security is missing");
        assertLine(result, "smoke drifts", Outcome.FAIL, "POST /api/v1/drifts answered 500");
        assertLine(result, "smoke auth", Outcome.FAIL, "answered 500");
        assertLine(result, "smoke cache", Outcome.PASS, "");
        String markdown = Files.readString(result.reports().resolve("verdict.md"));
        assertTrue(markdown.contains("| smoke security | every test passes |"), markdown);
        assertTrue(Files.readString(result.reports().resolve("junit/TEST-junit-jupiter.xml")).contains("<failure"),
                "the JUnit XML records the failures");
    }

    static void assertLine(SuiteRunner.Result result, String criterion, Outcome outcome, String reasonContains) {
        VerdictLine line = result.verdict().lines().stream().filter(l -> l.criterion().equals(criterion)).findFirst()
                .orElseThrow(() -> new AssertionError("no verdict line " + criterion + " in " + result.verdict().lines()));
        assertEquals(outcome, line.outcome(), criterion + ": " + line);
        assertTrue(line.reason().contains(reasonContains), criterion + " should say '" + reasonContains + "' but says: " + line.reason());
    }

    static Environment load(Path dir, String name, String yaml, Map<String, String> overrides) throws IOException {
        Path envs = Files.createDirectories(dir.resolve("environments"));
        Files.writeString(envs.resolve(name + ".yaml"), yaml);
        return new EnvironmentLoader(envs, overrides, SecretResolver::fromSystem).load(name);
    }

    static void assertNoSecret(String secret, String console, Path reports) throws IOException {
        assertFalse(console.contains(secret), "the console shows a key");
        try (var files = Files.walk(reports)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(f).contains(secret), f + " shows a key");
            }
        }
    }
}
