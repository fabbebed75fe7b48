package com.driftsentry.gate.smoke;

import com.driftsentry.gate.testing.Fixture;
import static com.driftsentry.gate.smoke.SmokeSuitesCanFailTest.assertLine;
import static com.driftsentry.gate.smoke.SmokeSuitesCanFailTest.assertNoSecret;
import static com.driftsentry.gate.smoke.SmokeSuitesCanFailTest.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.suite.SuiteRunner;
import com.driftsentry.reference.embedded.EmbeddedTarget;
import com.driftsentry.gate.verdict.Outcome;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Production safety against a stage the suite did not start (a running reference service seen
 * through its URL, like staging): no writes without a proven smoke tenant, none at all when
 * read-only, a key of the wrong tenant is a failure, everything created is undone, no key is
 * ever shown, a wrong version fails, and a dead stage is one line in seconds.
 */
class SmokeSafetyTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedTarget stage;
    private static String tenant;

    @TempDir
    Path dir;

    @BeforeAll
    static void startStage(@TempDir Path work) throws Exception {
        stage = EmbeddedTarget.start(10, Map.of(), work);
        tenant = get("/api/v1/dashboard/summary").path("tenantId").asText();
    }

    @AfterAll
    static void stopStage() {
        stage.close();
    }

    @Test
    void withoutASmokeTenantNothingIsWritten() throws Exception {
        long auditBefore = newestAuditId();
        SuiteRunner.Result result = run("");
        assertEquals(Outcome.INCONCLUSIVE, result.verdict().outcome());
        assertLine(result, "smoke drifts", Outcome.INCONCLUSIVE, "gates.smoke.tenant is not set");
        assertLine(result, "smoke auth", Outcome.PASS, "");
        assertEquals(auditBefore, newestAuditId(), "the run wrote to a stage without a smoke tenant");
    }

    @Test
    void readOnlyWritesNothingAndSaysSo() throws Exception {
        long auditBefore = newestAuditId();
        SuiteRunner.Result result = run("tenant: " + tenant + ", readOnly: true");
        assertLine(result, "smoke drifts", Outcome.INCONCLUSIVE, "readOnly");
        assertTrue(result.verdict().lines().stream().anyMatch(l -> l.criterion().equals("smoke auth")
                && l.measured().contains("readerCannotWrite()") && l.measured().contains("readOnly")), result.verdict().lines().toString());
        assertEquals(auditBefore, newestAuditId(), "a read-only run wrote");
    }

    @Test
    void aKeyOfAnotherTenantIsAFailureNotAWrite() throws Exception {
        long auditBefore = newestAuditId();
        SuiteRunner.Result result = run("tenant: " + UUID.randomUUID());
        assertLine(result, "smoke drifts", Outcome.FAIL, "belongs to tenant " + tenant);
        assertEquals(auditBefore, newestAuditId(), "the run wrote with a key outside the smoke tenant");
    }

    @Test
    void inTheSmokeTenantItWritesTagsAndUndoesEverything() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        SuiteRunner.Result result = run("tenant: " + tenant, Map.of(), console);
        assertEquals(Outcome.PASS, result.verdict().outcome(), console.toString(StandardCharsets.UTF_8));
        assertLine(result, "smoke cleanup", Outcome.PASS, "");
        String runId = console.toString(StandardCharsets.UTF_8).replaceAll("(?s).*, run (smoke-[0-9a-f]{8}).*", "$1");
        for (JsonNode drift : get("/api/v1/drifts?status=open&severity=critical&limit=100").path("items")) {
            assertTrue(!drift.path("resourceId").asText().startsWith(runId), "a smoke drift was left open: " + drift);
        }
        for (JsonNode key : get("/api/v1/keys").path("items")) {
            if (key.path("name").asText().startsWith(runId)) {
                assertTrue(!key.path("revokedAt").isNull(), "the run's reader key was left live: " + key);
            }
        }
        assertNoSecret(stage.adminKey(), console.toString(StandardCharsets.UTF_8), result.reports());
    }

    @Test
    void aRunRightAfterTheRateLimitCheckSkipsWhatItCannotObserveAndStillPasses() throws Exception {
        String smoke = "tenant: " + tenant;
        SuiteRunner.Result first = run(Fixture.edit(smoke, "tenant", "tags: [ratelimit], tenant"));
        assertEquals(Outcome.PASS, first.verdict().outcome(), first.verdict().lines().toString());
        SuiteRunner.Result second = run(smoke);
        assertEquals(Outcome.PASS, second.verdict().outcome(), second.verdict().lines().toString());
        assertTrue(second.verdict().lines().stream().anyMatch(l -> l.criterion().equals("smoke auth")
                && l.measured().contains("unknownKeyIsRefused(): the 401 for an unknown key cannot be observed: this address is throttled")),
                second.verdict().lines().toString());
    }

    @Test
    void aWrongVersionFailsTheHealthSuite() throws Exception {
        SuiteRunner.Result result = run("", Map.of("gate.expectedVersion", "9.9.9"), new ByteArrayOutputStream());
        assertLine(result, "smoke health", Outcome.FAIL, "expected 9.9.9");
    }

    @Test
    void aDeadStageIsOneLineInSeconds() {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        ConfigError e = assertThrows(ConfigError.class, () -> SmokeGate.run(load(dir, "dead", """
                name: dead
                target: { baseUrl: "http://127.0.0.1:9" }
                gates: { smoke: { tags: [health] } }
                """, Map.of()), dir, new PrintStream(said, true, StandardCharsets.UTF_8)));
        // One look at the stage, not a suite of timeouts: no suite started.
        assertEquals("", said.toString(StandardCharsets.UTF_8), "no suite ran against a dead stage");
        assertTrue(e.getMessage().contains("target.baseUrl: http://127.0.0.1:9/health/live does not answer"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    private SuiteRunner.Result run(String smokeSettings) throws IOException {
        return run(smokeSettings, Map.of(), new ByteArrayOutputStream());
    }

    /** The smoke gate against the running stage as a remote one (every suite but ratelimit unless tags are given), with its admin key given like a -Dgate.apiKey. */
    private SuiteRunner.Result run(String smokeSettings, Map<String, String> overrides, ByteArrayOutputStream console) throws IOException {
        Environment env = load(dir, "remote", """
                name: remote
                target: { baseUrl: "%s" }
                gates:
                  smoke: { %s }
                """.formatted(stage.baseUrl(), smokeSettings.contains("tags:") ? smokeSettings
                        : "tags: [health, auth, drifts, security, cache]" + (smokeSettings.isBlank() ? "" : ", " + smokeSettings)),
                with(overrides));
        return SmokeGate.run(env, dir, new PrintStream(console, true, StandardCharsets.UTF_8), Map.of());
    }

    private static Map<String, String> with(Map<String, String> overrides) {
        Map<String, String> all = new java.util.HashMap<>(overrides);
        all.put("gate.apiKey", stage.adminKey());
        return all;
    }

    private static long newestAuditId() throws Exception {
        return get("/api/v1/audit?limit=1").path("items").path(0).path("id").asLong(0);
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(stage.baseUrl() + path)).header("X-API-Key", stage.adminKey()).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }
}
