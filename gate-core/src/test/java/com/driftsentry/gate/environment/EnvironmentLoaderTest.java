package com.driftsentry.gate.environment;

import com.driftsentry.gate.testing.Fixture;
import com.driftsentry.gate.testing.MotoServer;
import java.net.URI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvironmentLoaderTest {
    static final String VALID = """
            name: qa
            target: { baseUrl: "https://qa.example", apiKey: "${env:QA_KEY}" }
            gates:
              load:
                simulation: ApiMixSimulation
                profile: { rampTo: 20/s, over: 30s, hold: 2m }
                minRequests: 500
                earlyAbort: { window: 100 }
                thresholds:
                  - { scope: global,    metric: p99, max: 500ms }
                  - { scope: dashboard, metric: p99, max: 2s }
                  - { scope: global,    metric: errorRate, max: 0.5% }
                  - { scope: global,    metric: p99, maxRegression: 20% }
                  - { scope: global,    metric: cacheHitRatio, min: 80% }
                  - { scope: global,    metric: throughput, min: 10/s }
                  - { scope: global,    metric: memoryGrowth, max: 64MB/h }
            """;

    @TempDir
    Path dir;

    EnvironmentLoader loader(Map<String, String> env, Map<String, String> overrides) {
        return new EnvironmentLoader(dir, overrides, (masker, region) -> new SecretResolver(env::get, masker, region, null));
    }

    Environment load(String yaml) throws Exception {
        Files.writeString(dir.resolve("qa.yaml"), yaml);
        return loader(Map.of("QA_KEY", "qa-secret-key-123"), Map.of()).load("qa");
    }

    @Test
    void generatorsComeFromTheFileOrTheSwitchAndABadCountOrEngineIsOneLine() throws Exception {
        assertEquals(LoadGateConfig.Generators.ONE, load(VALID).requireLoad().generators(), "one generator unless asked");
        String scaled = Fixture.edit(VALID, "simulation: ApiMixSimulation", "simulation: ApiMixSimulation\n    generators: { count: 3 }");
        LoadGateConfig.Generators three = load(scaled).requireLoad().generators();
        assertEquals(new LoadGateConfig.Generators(3, "local", Optional.empty()), three);
        assertEquals(1.0 / 3, three.share(), 1e-12);
        Files.writeString(dir.resolve("qa.yaml"), scaled);
        assertEquals(4, loader(Map.of("QA_KEY", "k"), Map.of("gate.generators", "4")).load("qa").requireLoad().generators().count());
        ConfigError bad = assertThrows(ConfigError.class, () -> loader(Map.of("QA_KEY", "k"), Map.of("gate.generators", "many")).load("qa"));
        assertEquals("-Dgate.generators: 'many' is not a generator count (fix: 1 to 64)", bad.getMessage());
        ConfigError engine = assertThrows(ConfigError.class, () -> load(Fixture.edit(scaled, "count: 3", "count: 3, engine: ecs")));
        assertTrue(engine.getMessage().endsWith("gates.load.generators.taskDefinition: is required with engine: ecs (fix: the generator's task "
                + "definition family, e.g. taskDefinition: DriftSentry-staging-load-generator)"), engine.getMessage());
        assertEquals(new LoadGateConfig.Generators(3, "ecs", Optional.of("gen")),
                load(Fixture.edit(scaled, "count: 3", "count: 3, engine: ecs, taskDefinition: gen")).requireLoad().generators());
    }

    @Test
    void aValidFileReadsIntoTypedValues() throws Exception {
        Environment env = load(VALID);
        LoadGateConfig load = env.requireLoad();
        assertEquals("https://qa.example", env.target().baseUrl());
        assertEquals("qa-secret-key-123", env.target().apiKey());
        assertEquals(20.0, load.profile().rampToPerSecond());
        assertEquals(150, load.profile().total().toSeconds());
        assertEquals(500.0, load.thresholds().get(0).value());
        assertEquals(100, load.thresholds().get(0).minSamples(), "a p99 needs 100 samples by default");
        assertEquals(2000.0, load.thresholds().get(1).value());
        assertEquals(0.005, load.thresholds().get(2).value(), 1e-12);
        assertEquals(Threshold.Bound.MAX_REGRESSION, load.thresholds().get(3).bound());
        assertEquals(0.10, load.earlyAbort().errorRate(), "abort bound defaults to 10% or 5x the error bound");
        assertEquals(64.0 * 1024 * 1024, load.thresholds().get(6).value(), "binary megabytes per hour");
        assertEquals(60, load.thresholds().get(6).minSamples(), "readings after the warm-up");
        List<Threshold> notJudged = new ArrayList<>();
        assertEquals(6, load.judgedIn("ApiMixSimulation", notJudged).thresholds().size(), "a deploy's load run does not judge memory growth");
        assertEquals(Metric.MEMORY_GROWTH, notJudged.get(0).metric(), "and says so");
        assertEquals(7, load.judgedIn("SoakSimulation", new ArrayList<>()).thresholds().size());
        assertFalse(env.target().toString().contains("qa-secret"), "a target prints without its key");
        assertEquals("key ****", env.masker().mask("key qa-secret-key-123"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown key|earlyAbort: { window: 100 }|earlyAbort: { window: 100, timeout: 5s }|property 'timeout' is not defined",
            "missing field|profile: { rampTo: 20/s, over: 30s, hold: 2m }|minRequests: 7|required property 'profile' not found",
            "bad duration|over: 30s|over: thirty seconds|gates.load.profile.over: 'thirty seconds' is not a duration",
            "bad rate|rampTo: 20/s|rampTo: fast|gates.load.profile.rampTo: 'fast' is not a rate",
            "bad percentage|max: 0.5%|max: half|gates.load.thresholds[2].max: 'half' is not a percentage",
            "percentage over 100|max: 0.5%|max: 150%|is not a percentage",
            "unknown metric|metric: errorRate|metric: errRate|metric",
            "wrong bound for metric|max: 2s|min: 2s|gates.load.thresholds[1].min: a latency takes max",
            "two bounds|max: 2s|max: 2s, min: 1ms|needs exactly one of max, min or maxRegression",
            "regression on throughput|min: 10/s|maxRegression: 10%|applies to a percentile or an error rate",
            "cache ratio on a group|{ scope: global,    metric: cacheHitRatio|{ scope: drifts, metric: cacheHitRatio|its scope is global",
            "memory growth not per hour|max: 64MB/h|max: 64MB|gates.load.thresholds[6].max: '64MB' is not a memory growth (expected KB, MB or GB per hour",
            "memory growth as a minimum|max: 64MB/h|min: 64MB/h|gates.load.thresholds[6].min: a memory growth takes max",
            "memory growth on a group|{ scope: global,    metric: memoryGrowth|{ scope: drifts, metric: memoryGrowth|memoryGrowth is the target's memory",
            "confirm on an error rate|metric: errorRate, max: 0.5%|metric: errorRate, maxRegression: 10%, confirm: distribution|gates.load.thresholds[2].confirm: distribution applies to a percentile, not errorRate",
            "unknown confirm|metric: p99, maxRegression: 20%|metric: p99, maxRegression: 20%, confirm: ranks|gates.load.thresholds[3].confirm: does not have a value in the enumeration",
            "confirm on a fixed bound|metric: p99, max: 500ms|metric: p99, max: 500ms, confirm: distribution|gates.load.thresholds[0].confirm: belongs to a maxRegression bound",
            "bad url|https://qa.example|qa.example|target.baseUrl"})
    void badInputIsOneLineNamingFileAndField(String what, String from, String to, String expected) {
        String yaml = from.startsWith("profile:") ? Fixture.edit(VALID, "    profile: { rampTo: 20/s, over: 30s, hold: 2m }\n", "")
                : Fixture.edit(VALID, from, to);
        ConfigError e = assertThrows(ConfigError.class, () -> load(yaml));
        assertTrue(e.getMessage().startsWith("qa.yaml: ") || e.getMessage().startsWith(dir.resolve("qa.yaml").toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), what + ": " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void theBrowserAndItsDriverCanBeNamedInTheFileAndAnEmptyNameIsRefused() throws Exception {
        BrowserGateConfig browser = load(VALID + "  browser: { loads: 3, binary: /opt/chrome/chrome, driver: /opt/chrome/chromedriver }\n").browser().orElseThrow();
        assertEquals(Optional.of("/opt/chrome/chrome"), browser.binary());
        assertEquals(Optional.of("/opt/chrome/chromedriver"), browser.driver());
        assertEquals(Optional.empty(), load(VALID + "  browser: { loads: 3 }\n").browser().orElseThrow().binary(), "the usual places, searched");
        ConfigError empty = assertThrows(ConfigError.class, () -> load(VALID + "  browser: { binary: \"\" }\n"));
        assertTrue(empty.getMessage().contains("gates.browser.binary"), empty.getMessage());
    }

    @Test
    void theStageStoreIsAFolderByDefaultOrABucketNamedByAVariable() throws Exception {
        DeployConfig.State local = load(VALID).deploy().state();
        assertEquals("file", local.type());
        assertEquals(dir.getParent().resolve("target/state/qa").normalize(), local.path(), "beside the repository's other output");
        Files.writeString(dir.resolve("qa.yaml"), VALID + "state: { type: s3, bucket: \"${env:BUCKET}\", prefix: /stages/qa/, endpoint: http://127.0.0.1:9090 }\n");
        DeployConfig.State s3 = loader(Map.of("QA_KEY", "qa-secret-key-123", "BUCKET", "acme-driftgate"), Map.of()).load("qa").deploy().state();
        assertEquals("s3://acme-driftgate/stages/qa/", s3.location(), "one slash between the prefix and its keys");
        assertEquals("us-east-1", s3.region(), "the platform's region when the store names none");
        Environment shown = loader(Map.of("QA_KEY", "qa-secret-key-123", "BUCKET", "acme-driftgate"), Map.of()).load("qa");
        assertEquals("s3://acme-driftgate/", shown.masker().mask("s3://acme-driftgate/"), "a bucket is not a secret: it stays readable");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "s3 without a bucket|state: { type: s3 }|state.bucket: an s3 store needs a bucket",
            "bucket variable unset|state: { type: s3, bucket: \"${env:NO_SUCH_BUCKET}\" }|state.bucket: environment variable NO_SUCH_BUCKET is not set",
            "bucket from a secret|state: { type: s3, bucket: \"${secret:x}\" }|state.bucket: is not a secret",
            "endpoint not http|state: { type: s3, bucket: b, endpoint: 'ftp://x' }|state.endpoint: 'ftp://x' is not an http(s) address",
            "unknown store|state: { type: dynamodb }|state.type",
            "the old ledger key|ledger: target/ledger/qa.jsonl|property 'ledger' is not defined"})
    void badStoreSettingsAreOneLine(String what, String section, String expected) throws Exception {
        Files.writeString(dir.resolve("qa.yaml"), VALID + section + "\n");
        // A bucket is judged when a command opens the store (driftgate cost reads the file without one); the rest when the file loads.
        ConfigError e = assertThrows(ConfigError.class, () -> loader(Map.of("QA_KEY", "qa-secret-key-123"), Map.of()).load("qa").deploy().state().checked());
        assertTrue(e.getMessage().contains(expected), what + ": " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void unknownScopeIsNamedWithTheGroupsThatExist() throws Exception {
        LoadGateConfig load = load(Fixture.edit(VALID, "scope: dashboard", "scope: dashbord")).requireLoad();
        ConfigError e = assertThrows(ConfigError.class, () -> load.requireScopes(Set.of("drifts", "dashboard", "writes"), "ApiMixSimulation"));
        assertTrue(e.getMessage().contains("gates.load.thresholds[1].scope: 'dashbord' is not a request group of ApiMixSimulation"), e.getMessage());
        assertTrue(e.getMessage().contains("dashboard, drifts, writes"), e.getMessage());
    }

    @Test
    void missingEnvironmentVariableNamesItAndTheField() throws Exception {
        Files.writeString(dir.resolve("qa.yaml"), VALID);
        ConfigError e = assertThrows(ConfigError.class, () -> loader(Map.of(), Map.of()).load("qa"));
        assertTrue(e.getMessage().contains("target.apiKey: environment variable QA_KEY is not set"), e.getMessage());
    }

    @Test
    void unknownEnvironmentListsTheOnesThereAre() throws Exception {
        Files.writeString(dir.resolve("qa.yaml"), VALID);
        ConfigError e = assertThrows(ConfigError.class, () -> loader(Map.of(), Map.of()).load("stagin"));
        assertTrue(e.getMessage().startsWith("-Denv=stagin: no file") && e.getMessage().contains("expected one of qa"), e.getMessage());
        assertThrows(ConfigError.class, () -> loader(Map.of(), Map.of()).load("../etc/passwd"));
    }

    @Test
    void malformedYamlAndWrongNameAreRefused() throws Exception {
        ConfigError yaml = assertThrows(ConfigError.class, () -> load("name: qa\ntarget: [unclosed\n"));
        assertTrue(yaml.getMessage().contains("is not valid YAML"), yaml.getMessage());
        ConfigError name = assertThrows(ConfigError.class, () -> load(Fixture.edit(VALID, "name: qa", "name: prod")));
        assertTrue(name.getMessage().contains("name: 'prod' does not match the file name"), name.getMessage());
    }

    @Test
    void aBaselineIsAPathOrAPathAndWhatItsAbsenceMeans() throws Exception {
        String withPath = Fixture.edit(VALID, "    minRequests: 500\n", "    minRequests: 500\n    baseline: evidence/last.json\n");
        LoadGateConfig path = load(withPath).requireLoad();
        assertTrue(path.baseline().orElseThrow().endsWith("evidence/last.json"));
        assertFalse(path.notJudgedWithoutBaseline(), "INCONCLUSIVE unless the file says otherwise");
        LoadGateConfig notJudged = load(Fixture.edit(VALID, "    minRequests: 500\n", "    minRequests: 500\n    baseline: { whenMissing: notJudged }\n"))
                .requireLoad();
        assertTrue(notJudged.notJudgedWithoutBaseline());
        assertTrue(notJudged.baseline().isEmpty(), "driftgate supplies the stage's own");
        ConfigError bad = assertThrows(ConfigError.class,
                () -> load(Fixture.edit(VALID, "    minRequests: 500\n", "    minRequests: 500\n    baseline: { whenMissing: pass }\n")));
        assertTrue(bad.getMessage().contains("baseline"), bad.getMessage());
        assertFalse(bad.getMessage().contains("\n"), "one line");
    }

    @Test
    void overridesFromSystemPropertiesWin() throws Exception {
        Files.writeString(dir.resolve("qa.yaml"), VALID);
        Environment env = loader(Map.of("QA_KEY", "k-1234"), Map.of("gate.baseUrl", "http://127.0.0.1:9999/", "gate.hold", "5s")).load("qa");
        assertEquals("http://127.0.0.1:9999", env.target().baseUrl());
        assertEquals(5, env.requireLoad().profile().hold().toSeconds());
        ConfigError bad = assertThrows(ConfigError.class,
                () -> loader(Map.of("QA_KEY", "k-1234"), Map.of("gate.baseUrl", "ftp://x")).load("qa"));
        assertTrue(bad.getMessage().contains("target.baseUrl"), bad.getMessage());
    }

    @Test
    void smokeAndContractGatesReadWithTheirOverrides() throws Exception {
        Files.createDirectories(dir.resolve("specs"));
        Files.writeString(dir.getParent().resolve("api.yaml"), "openapi: 3.0.3\n");
        String tenant = "0c45c028-4f08-3ce4-f12b-bb4b46ee9d83";
        String yaml = Fixture.edit(VALID, "gates:\n", "gates:\n  smoke: { tags: [health, drifts], tenant: " + tenant
                + ", allowedOrigin: https://app.example }\n  contract: { spec: api.yaml, generatedRequests: 50, readOnly: true }\n");
        Environment env = load(yaml);
        assertEquals(java.util.List.of("health", "drifts"), env.smoke().tags());
        assertEquals(java.util.Optional.of(tenant), env.smoke().tenant());
        assertEquals(java.util.Optional.of("https://app.example"), env.smoke().allowedOrigin());
        assertFalse(env.smoke().readOnly());
        assertEquals(50, env.requireContract().generatedRequests());
        assertTrue(env.requireContract().readOnly());
        assertEquals(dir.getParent().resolve("api.yaml"), env.requireContract().spec());

        Files.writeString(dir.resolve("qa.yaml"), yaml);
        Environment overridden = loader(Map.of("QA_KEY", "k-1234"), Map.of("gate.readOnly", "true", "gate.tenant", "t-1",
                "gate.expectedVersion", "1.2.3")).load("qa");
        assertTrue(overridden.smoke().readOnly());
        assertEquals(java.util.Optional.of("t-1"), overridden.smoke().tenant());
        assertEquals("1.2.3", overridden.target().expectedVersion());
        assertEquals(java.util.List.of(), load(VALID).smoke().tags(), "no smoke section: no tag filter, every suite runs");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown suite|smoke: { tags: [health, speed] }|gates.smoke.tags[1]",
            "tenant not an id|smoke: { tenant: acme }|gates.smoke.tenant",
            "origin with a path|smoke: { allowedOrigin: https://app.example/x }|gates.smoke.allowedOrigin",
            "spec missing|contract: { spec: no-such.yaml }|gates.contract.spec: no file",
            "contract without spec|contract: { readOnly: true }|required property 'spec' not found"})
    void badSuiteSettingsAreOneLine(String what, String section, String expected) {
        ConfigError e = assertThrows(ConfigError.class, () -> load(Fixture.edit(VALID, "gates:\n", "gates:\n  " + section + "\n")));
        assertTrue(e.getMessage().contains(expected), what + ": " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void theShippedEnvironmentsAreValid() throws Exception {
        MotoServer moto = MotoServer.fresh();
        moto.secret("driftsentry/staging/load-api-key", "moto-staging-key");
        moto.secret("driftsentry/production/smoke-api-key", "moto-production-key");
        moto.stack("DriftSentry-production", Map.of("ApiUrl", "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com",
                "DashboardUrl", "https://d111111abcdef8.cloudfront.net", "DashboardBucket", "driftsentry-production-dashboardfiles-1a2b3c",
                "DashboardDistribution", "E2QWRUHAPOMQZL"));
        Path shipped = EnvironmentLoader.findDirectory(Path.of("").toAbsolutePath());
        EnvironmentLoader real = new EnvironmentLoader(shipped, Map.of(),
                (masker, region) -> new SecretResolver(Map.of("DRIFTGATE_STATE_BUCKET", "acme-driftgate")::get, masker, region, URI.create(moto.endpoint())));
        assertTrue(real.load("local").target().embedded());
        // Each load reads its secrets and stack outputs from moto: once per file.
        Environment production = real.load("production");
        Environment staging = real.load("staging");
        assertEquals("HealthSimulation", production.requireLoad().simulation(), "production gets only safe traffic");
        assertEquals("https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com", production.target().baseUrl(), "as its stack says");
        assertEquals(Optional.of("https://d111111abcdef8.cloudfront.net"), production.browser().orElseThrow().dashboardUrl(), "the hosted page, as its stack says");
        assertEquals(Optional.of("https://d111111abcdef8.cloudfront.net"), production.smoke().allowedOrigin(), "its origin, which the API's CORS list holds");
        assertEquals(Optional.of(new PlatformSettings.DashboardHost("driftsentry-production-dashboardfiles-1a2b3c", "E2QWRUHAPOMQZL")),
                production.deploy().platform().dashboardHost());
        assertEquals("ApiMixSimulation", staging.requireLoad().simulation());
        assertEquals("s3://acme-driftgate/driftgate/staging/", staging.deploy().state().location(), "shared by every runner");
        assertEquals("s3://acme-driftgate/driftgate/production/", production.deploy().state().location());
    }

    @Test
    void theLoaderValidatesWithTheSchemaOperatorsRead() throws Exception {
        try (var built = EnvironmentLoader.class.getResourceAsStream("schema.json")) {
            assertEquals(Files.readString(Path.of("../environments/schema.json")), new String(built.readAllBytes(), StandardCharsets.UTF_8),
                    "the build copies environments/schema.json, the one source");
        }
    }
}
