package com.driftsentry.gate.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.dashboard.DashboardFiles;
import com.driftsentry.dashboard.DashboardServer;
import com.driftsentry.dashboard.DashboardSettings;
import com.driftsentry.gate.browser.TestBrowser;
import com.driftsentry.gate.driver.gates.BrowserCheck;
import com.driftsentry.gate.store.StageStore;
import com.driftsentry.gate.store.StageStores;
import com.driftsentry.gate.environment.BrowserGateConfig;
import com.driftsentry.gate.environment.DeployConfig;
import com.driftsentry.gate.environment.Masker;
import com.driftsentry.gate.json.Json;
import com.driftsentry.gate.testing.Fixture;
import com.driftsentry.gate.testing.MotoServer;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.reference.embedded.EmbeddedTarget;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * {@code driftgate publish} as the deploy workflow runs it after production's API promoted: the stage's addresses, bucket
 * and distribution read from its stack's outputs, the page written to a versioned bucket and CloudFront's copies dropped
 * (moto's S3 and CloudFront), then judged in Chromium where it is served the way the stack's distribution serves it
 * ({@link LocalCloudFront}: the template's response-headers policy) against a local reference service. A page that fails
 * is put back; an interrupted publish is undone by {@code recover}.
 */
class PublishOnMotoTest {
    static final String BUCKET = "driftsentry-production-dashboard";
    static final Path TEMPLATE = Path.of("../infra/synthesized/DriftSentry-production.template.json").toAbsolutePath().normalize();
    static EmbeddedTarget service;
    static LocalCloudFront cloudFront;
    static MotoAws frontAws;

    @TempDir
    Path dir;
    MotoServer moto;
    MotoAws aws;
    String distribution;

    @BeforeAll
    static void servers(@TempDir Path work) {
        TestBrowser.here();
        MotoServer moto = MotoServer.fresh();
        frontAws = MotoAws.at(moto.endpoint());
        cloudFront = LocalCloudFront.start(TEMPLATE, frontAws.s3);
        service = EmbeddedTarget.start(4, Map.of("DRIFTSENTRY_VERSION", "0.4.0", "DRIFTSENTRY_CORS_ORIGINS", cloudFront.url()), work);
        cloudFront.serving(BUCKET, service.baseUrl());
    }

    @AfterAll
    static void stopServers() {
        for (AutoCloseable c : new AutoCloseable[] {service, cloudFront, frontAws}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // the next one still closes
            }
        }
    }

    @BeforeEach
    void account() throws Exception {
        moto = MotoServer.fresh();
        aws = MotoAws.at(moto.endpoint());
        aws.versionedBucket(BUCKET);
        distribution = aws.distribution(BUCKET);
        aws.bucket("acme-driftgate");
        moto.secret("driftsentry/production/smoke-api-key", service.adminKey());
        moto.stack("DriftSentry-production", Map.of("ApiUrl", service.baseUrl(), "DashboardUrl", cloudFront.url(), "DashboardBucket", BUCKET,
                "DashboardDistribution", distribution));
        Path envs = Files.createDirectories(dir.resolve("environments"));
        Files.writeString(envs.resolve("local.yaml"), "name: local\ntarget: { baseUrl: embedded }\ngates: {}\n");
        Files.writeString(envs.resolve("production.yaml"), """
                name: production
                target: { baseUrl: "${stack:DriftSentry-production#ApiUrl}", apiKey: "${secret:driftsentry/production/smoke-api-key}" }
                platform:
                  type: ecs
                  region: us-east-1
                  cluster: driftsentry-production
                  service: driftsentry-backend-production
                  stableTimeout: 60s
                  dashboard: { bucket: "${stack:DriftSentry-production#DashboardBucket}", distribution: "${stack:DriftSentry-production#DashboardDistribution}" }
                gates:
                  browser: { dashboardUrl: "${stack:DriftSentry-production#DashboardUrl}", loads: 2 }
                state: { type: s3, bucket: acme-driftgate, prefix: driftgate/production, region: us-east-1 }
                """);
    }

    @AfterEach
    void close() {
        aws.close();
    }

    DriftgateProcess driftgate(String... args) throws Exception {
        return DriftgateProcess.onMoto(moto, dir, args);
    }

    @Test
    void thePageIsPublishedWithTheStagesApiServedWithTheTemplatesHeadersAndPassesInChromium() throws Exception {
        DriftgateProcess plan = driftgate("publish", "--env", "production", "--dry-run");
        assertEquals(0, plan.exitCode, plan.output);
        assertTrue(plan.output.contains("would write 5 files") && plan.output.contains("config.json names " + service.baseUrl()), plan.output);
        assertEquals(0, objects(), "a dry run writes nothing");

        DriftgateProcess published = driftgate("publish", "--env", "production");
        assertEquals(0, published.exitCode, published.output);
        assertFalse(published.output.contains(service.adminKey()), "the key is never printed");
        Map<String, byte[]> shipped = DashboardFiles.shipped();
        shipped.forEach((name, bytes) -> assertArrayEquals(bytes, object(name), name + " is the shipped file"));
        assertEquals("text/javascript; charset=utf-8", aws.s3.headObject(b -> b.bucket(BUCKET).key("app.js")).contentType(), "runs under nosniff");
        assertEquals(service.baseUrl(), Json.MAPPER.readTree(object("config.json")).path("apiBaseUrl").asText(), "the page calls the stack's ApiUrl");
        assertEquals(1, aws.invalidations(distribution), "CloudFront's copies dropped once");

        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cloudFront.url() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(new String(shipped.get("index.html"), StandardCharsets.UTF_8), page.body(), "the root is the page");
        assertEquals(cloudFront.headers().get("Content-Security-Policy"), page.headers().firstValue("Content-Security-Policy").orElseThrow());
        try (DashboardServer own = DashboardServer.start(DashboardSettings.from(Map.of("DASHBOARD_PORT", "0", "DRIFTSENTRY_API_URL", service.baseUrl())))) {
            HttpResponse<Void> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(own.url() + "/")).build(),
                    HttpResponse.BodyHandlers.discarding());
            for (String header : List.of("Content-Security-Policy", "X-Frame-Options", "Referrer-Policy", "X-Content-Type-Options", "Cache-Control")) {
                assertEquals(served.headers().firstValue(header).orElseThrow(), cloudFront.headers().get(header),
                        header + ": the hosted page's policy says what the dashboard's own server says");
            }
        }
        JsonNode entry = lastEntry();
        assertEquals("publish", entry.path("command").asText());
        assertEquals("PROMOTED", entry.path("outcome").asText(), entry.toString());
        assertEquals(List.of("page", "browser"), entry.path("verdicts").findValuesAsText("gate"), entry.toString());
        assertTrue(entry.path("serving").isNull(), "a page changes no release: " + entry);
    }

    @Test
    void aPageThatFailsInTheBrowserIsPutBackAndTheRunFails() throws Exception {
        previousPage(service.baseUrl());
        Path broken = Files.createDirectories(dir.resolve("broken"));
        DashboardFiles.shipped().forEach((name, bytes) -> write(broken.resolve(name), bytes));
        write(broken.resolve("app.js"), "throw new Error('a broken build');\n".getBytes(StandardCharsets.UTF_8));
        write(broken.resolve("extra.txt"), "only in the broken page\n".getBytes(StandardCharsets.UTF_8));

        DriftgateProcess failed = driftgate("publish", "--env", "production", "--from", broken.toString());
        assertEquals(1, failed.exitCode, failed.output);
        DashboardFiles.shipped().forEach((name, bytes) -> assertArrayEquals(bytes, object(name), name + " is the previous page again"));
        assertEquals(5, objects(), "the broken page's extra file is gone again: " + keys());
        assertArrayEquals(DashboardFiles.config(service.baseUrl()), object("config.json"));
        assertEquals(2, aws.invalidations(distribution), "the broken page, then its restore");
        JsonNode entry = lastEntry();
        assertEquals("ROLLED_BACK", entry.path("outcome").asText(), entry.toString());
        assertEquals(List.of("page", "browser", "restore"), entry.path("verdicts").findValuesAsText("gate"), entry.toString());
        assertTrue(entry.path("reason").asText().startsWith("the page did not pass (browser: ") && entry.path("reason").asText()
                .contains("the previous page is back at " + cloudFront.url() + ", verified"), entry.path("reason").asText());
    }

    @Test
    void aConfigJsonNamingAnotherApiFailsTheBrowserGate() throws Exception {
        previousPage("http://127.0.0.1:9");
        BrowserGateConfig config = new BrowserGateConfig(2, java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(2), 0,
                java.time.Duration.ofSeconds(10));
        Verdict wrong = new BrowserCheck(config, "production", Optional.of(cloudFront.url()), service.baseUrl(), service.adminKey(),
                dir.resolve("browser"), new Masker()).judge();
        assertEquals(Outcome.FAIL, wrong.outcome(), wrong.toString());
    }

    @Test
    void anInterruptedPublishBlocksTheStageUntilRecoverPutsThePageBack() throws Exception {
        previousPage(service.baseUrl());
        Map<String, String> before = new java.util.TreeMap<>();
        aws.s3.listObjectVersions(b -> b.bucket(BUCKET)).versions().stream().filter(v -> v.isLatest()).forEach(v -> before.put(v.key(), v.versionId()));
        before.put("extra.txt", "");
        // A publish noted the page, wrote half a new one, and its runner died.
        try (StageStore store = StageStores.open(new DeployConfig.State("s3", dir, "acme-driftgate", "driftgate/production/", "us-east-1",
                Optional.of(URI.create(moto.endpoint())), Optional.empty()))) {
            Intents.in(store, "dead0001", "production").openPage(before);
        }
        aws.s3.putObject(b -> b.bucket(BUCKET).key("app.js").contentType("text/javascript"), RequestBody.fromString("throw 1;"));
        aws.s3.putObject(b -> b.bucket(BUCKET).key("extra.txt").contentType("text/plain"), RequestBody.fromString("half"));

        DriftgateProcess blocked = driftgate("publish", "--env", "production");
        assertEquals(5, blocked.exitCode, blocked.output);
        assertTrue(blocked.output.contains("publish run dead0001 (the dashboard's 6 files)") && blocked.output.contains("driftgate recover"), blocked.output);
        DriftgateProcess recovered = driftgate("recover", "--env", "production");
        assertEquals(0, recovered.exitCode, recovered.output);
        DashboardFiles.shipped().forEach((name, bytes) -> assertArrayEquals(bytes, object(name), name + " is the noted page again"));
        assertEquals(5, objects(), keys().toString());
        assertEquals("RECOVERED", lastEntry().path("outcome").asText(), lastEntry().toString());
        assertFalse(aws.s3.listObjectsV2(b -> b.bucket("acme-driftgate")).contents().stream().anyMatch(o -> o.key().endsWith("intent.json")),
                "the intent is settled: the stage takes commands again");
    }

    @Test
    void badInputIsExit3InOneLineAndWritesNothing() throws Exception {
        Path file = dir.resolve("environments/production.yaml");
        Path withConfig = Files.createDirectories(dir.resolve("with-config"));
        write(withConfig.resolve("index.html"), "<html></html>".getBytes(StandardCharsets.UTF_8));
        write(withConfig.resolve("config.json"), "{}".getBytes(StandardCharsets.UTF_8));
        Path noPage = Files.createDirectories(dir.resolve("no-page"));
        write(noPage.resolve("app.js"), "1;".getBytes(StandardCharsets.UTF_8));
        Map<List<String>, String> cases = Map.of(
                List.of("--from", dir.resolve("nowhere").toString()), "--from: ",
                List.of("--from", withConfig.toString()), "holds config.json, which publish writes itself",
                List.of("--from", noPage.toString()), "has no index.html");
        for (var c : cases.entrySet()) {
            List<String> args = new java.util.ArrayList<>(List.of("publish", "--env", "production"));
            args.addAll(c.getKey());
            assertBadInput(driftgate(args.toArray(String[]::new)), c.getValue());
        }
        Files.writeString(file, Fixture.edit(Files.readString(file), "#DashboardDistribution}", "#CdnDistribution}"));
        assertBadInput(driftgate("publish", "--env", "production"),
                "platform.dashboard.distribution: stack DriftSentry-production in us-east-1 has no output CdnDistribution (it has: ");
        Files.writeString(file, Files.readString(file).replaceAll("(?m)^  dashboard: .*\n", ""));
        assertBadInput(driftgate("publish", "--env", "production"), "publish: production hosts no dashboard (fix: platform.dashboard:");
        assertEquals(0, objects(), "nothing was written");
    }

    /** The page a publish before this one left: the shipped files and a config.json naming {@code api}, each with its type. */
    private void previousPage(String api) {
        DashboardFiles.shipped().forEach((name, bytes) -> aws.s3.putObject(b -> b.bucket(BUCKET).key(name)
                .contentType(DashboardFiles.type(name).orElseThrow()), RequestBody.fromBytes(bytes)));
        aws.s3.putObject(b -> b.bucket(BUCKET).key("config.json").contentType("application/json"), RequestBody.fromBytes(DashboardFiles.config(api)));
    }

    private static void assertBadInput(DriftgateProcess run, String line) {
        assertEquals(3, run.exitCode, run.output);
        assertTrue(run.output.contains(line), run.output);
        assertFalse(run.output.contains("\tat "), "no stack trace: " + run.output);
    }

    private byte[] object(String key) {
        return aws.s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
    }

    private int objects() {
        return keys().size();
    }

    private List<String> keys() {
        return aws.s3.listObjectsV2(b -> b.bucket(BUCKET)).contents().stream().map(o -> o.key()).toList();
    }

    private JsonNode lastEntry() throws Exception {
        List<String> lines = new String(aws.s3.getObjectAsBytes(b -> b.bucket("acme-driftgate").key("driftgate/production/ledger.jsonl")).asByteArray(),
                StandardCharsets.UTF_8).lines().toList();
        return Json.MAPPER.readTree(lines.get(lines.size() - 1));
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
