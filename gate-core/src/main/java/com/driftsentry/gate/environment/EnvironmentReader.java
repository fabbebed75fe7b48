package com.driftsentry.gate.environment;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** Turns a schema-valid tree into typed values, applying {@code -Dgate.*} overrides. */
final class EnvironmentReader {
    private final String file;
    private final JsonNode root;
    private final Map<String, String> overrides;
    private final SecretResolver secrets;
    private final Masker masker;
    private final Path directory;
    private final Quantities q;

    EnvironmentReader(String file, JsonNode root, Map<String, String> overrides, SecretResolver secrets, Masker masker, Path directory) {
        this.file = file;
        this.root = root;
        this.overrides = overrides;
        this.secrets = secrets;
        this.masker = masker;
        this.directory = directory;
        this.q = new Quantities(file);
    }

    Environment read() {
        JsonNode load = root.path("gates").path("load");
        JsonNode contract = root.path("gates").path("contract");
        return new Environment(root.get("name").asText(), file, target(),
                deploy(),
                load.isMissingNode() ? Optional.empty() : Optional.of(load(load)), smoke(root.path("gates").path("smoke")),
                contract.isMissingNode() ? Optional.empty() : Optional.of(contract(contract)), browser(root.path("gates").path("browser")),
                new GateSection.All(file, root.path("gates")), masker);
    }

    private Optional<BrowserGateConfig> browser(JsonNode b) {
        if (b.isMissingNode()) {
            return Optional.empty();
        }
        BrowserGateConfig d = BrowserGateConfig.DEFAULT;
        Optional<String> url = address("gates.browser.dashboardUrl", b.path("dashboardUrl").textValue(), "^https?://[^/\\s]+(/\\S*)?$")
                .map(u -> u.replaceAll("/+$", ""));
        return Optional.of(new BrowserGateConfig(b.path("loads").asInt(d.loads()),
                b.has("loadP95") ? q.duration("gates.browser.loadP95", b.get("loadP95").asText()) : d.loadP95(),
                b.has("lcpP95") ? q.duration("gates.browser.lcpP95", b.get("lcpP95").asText()) : d.lcpP95(),
                b.path("maxConsoleErrors").asInt(d.maxConsoleErrors()),
                b.has("pageTimeout") ? q.duration("gates.browser.pageTimeout", b.get("pageTimeout").asText()) : d.pageTimeout(), url,
                Optional.ofNullable(b.path("binary").textValue()), Optional.ofNullable(b.path("driver").textValue())));
    }

    private DeployConfig deploy() {
        JsonNode p = root.path("platform");
        JsonNode a = root.path("gates").path("availability");
        JsonNode b = root.path("gates").path("budget");
        List<String> alarms = new ArrayList<>();
        root.path("gates").path("alarms").forEach(n -> alarms.add(n.asText()));
        PlatformSettings platform = platform(p);
        DeployConfig.Availability availability = new DeployConfig.Availability(a.path("path").asText("/health/live"),
                q.duration("gates.availability.every", a.path("every").asText("250ms")),
                q.percent("gates.availability.minSuccess", a.path("minSuccess").asText("99.9%")));
        Optional<DeployConfig.Budget> budget = b.isMissingNode() ? Optional.empty()
                : Optional.of(new DeployConfig.Budget(b.get("monthlyCapUsd").asDouble(), b.path("name").asText("driftsentry-monthly"),
                        b.has("estimate") ? Optional.of(estimate(b.get("estimate"))) : Optional.empty()));
        String webhook = secrets.resolve(file, "notifications.slackWebhook", root.path("notifications").path("slackWebhook").textValue());
        return new DeployConfig(platform, availability, List.copyOf(alarms), budget, state(platform.common().region()),
                !"stop".equals(root.path("onFailure").asText("rollback")), Optional.ofNullable(masker.register(webhook)));
    }

    /** The one place a {@code platform.type} is read: each kind gets its own settings. */
    private PlatformSettings platform(JsonNode p) {
        PlatformSettings.Common common = new PlatformSettings.Common(p.path("region").asText("us-east-1"),
                q.duration("platform.stableTimeout", p.path("stableTimeout").asText("10m")), p.path("versionChecks").asInt(3));
        long maxImageBytes = p.path("maxImageMb").asLong(500) * 1_000_000L;
        String type = p.path("type").asText("embedded");
        return switch (type) {
            case "embedded" -> new PlatformSettings.Embedded(common, Optional.ofNullable(p.path("baselineVersion").textValue()));
            case "compose" -> {
                List<Path> composeFiles = new ArrayList<>();
                p.path("composeFiles").forEach(f -> composeFiles.add(composeFile(f.asText())));
                yield new PlatformSettings.Compose(common, List.copyOf(composeFiles), maxImageBytes, p.path("readOnlyRootFilesystem").asBoolean(false));
            }
            case "ecs" -> new PlatformSettings.Ecs(common, Optional.ofNullable(p.path("cluster").textValue()),
                    Optional.ofNullable(p.path("service").textValue()), maxImageBytes, p.path("gateOnly").path("tasks").asInt(0), dashboardHost(p));
            default -> throw ConfigError.at(file, "platform.type", "'" + type + "' is not supported by driftgate (expected embedded, compose or ecs)");
        };
    }

    private Optional<PlatformSettings.DashboardHost> dashboardHost(JsonNode p) {
        JsonNode d = p.path("dashboard");
        if (d.isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(new PlatformSettings.DashboardHost(secrets.setting(file, "platform.dashboard.bucket", d.get("bucket").asText()),
                secrets.setting(file, "platform.dashboard.distribution", d.get("distribution").asText())));
    }

    private DeployConfig.Estimate estimate(JsonNode e) {
        List<Path> templates = new ArrayList<>();
        e.get("templates").forEach(t -> {
            Path f = directory.getParent().resolve(t.asText()).normalize();
            if (!Files.isRegularFile(f)) {
                throw ConfigError.at(file, "gates.budget.estimate.templates", "no file " + f + " (fix: the synthesized templates in "
                        + "infra/synthesized/, written by mvn -f infra/pom.xml test -Dinfra.writeTemplates=true)");
            }
            templates.add(f);
        });
        JsonNode u = e.path("usage");
        return new DeployConfig.Estimate(List.copyOf(templates), e.path("alwaysFree").asBoolean(false), new DeployConfig.Usage(
                u.has("gatedHoursPerMonth") ? OptionalDouble.of(u.get("gatedHoursPerMonth").asDouble()) : OptionalDouble.empty(),
                u.path("logGbPerMonth").asDouble(1.0), u.path("imageStorageGb").asDouble(1.0), u.path("stateStorageGb").asDouble(0.1),
                u.has("apiRequestsPerMonth") ? OptionalDouble.of(u.get("apiRequestsPerMonth").asDouble()) : OptionalDouble.empty(),
                u.path("auditLogGb").asDouble(0.1),
                optional(u, "dashboardLoadsPerMonth"), optional(u, "loadRunsPerMonth")));
    }

    private static OptionalDouble optional(JsonNode node, String field) {
        return node.has(field) ? OptionalDouble.of(node.get(field).asDouble()) : OptionalDouble.empty();
    }

    private DeployConfig.State state(String platformRegion) {
        JsonNode s = root.path("state");
        String name = root.get("name").asText();
        String type = s.path("type").asText("file");
        Path path = directory.getParent().resolve(s.path("path").asText("target/state/" + name)).normalize();
        // Judged when a command opens the store: `driftgate cost` reads the environment without one.
        String bucket = null;
        ConfigError problem = null;
        try {
            bucket = secrets.setting(file, "state.bucket", s.path("bucket").textValue());
            if (type.equals("s3") && (bucket == null || bucket.isBlank())) {
                throw ConfigError.at(file, "state.bucket", "an s3 store needs a bucket (fix: bucket: ${env:DRIFTGATE_STATE_BUCKET}, set from a repository variable)");
            }
        } catch (ConfigError e) {
            problem = e;
        }
        String prefix = s.path("prefix").asText("driftgate/" + name).replaceAll("^/+|/+$", "");
        prefix = prefix.isEmpty() ? "" : prefix + "/";
        Optional<URI> endpoint = Optional.ofNullable(s.path("endpoint").textValue()).map(e -> {
            try {
                URI uri = new URI(e);
                if (uri.getHost() == null || !List.of("http", "https").contains(uri.getScheme())) {
                    throw new URISyntaxException(e, "not an http(s) address");
                }
                return uri;
            } catch (URISyntaxException bad) {
                throw ConfigError.at(file, "state.endpoint", ConfigError.quote(e) + " is not an http(s) address (fix: leave it out for AWS S3, "
                        + "or http://127.0.0.1:9090 for an S3-compatible store)");
            }
        });
        return new DeployConfig.State(type, path, bucket, prefix, s.path("region").asText(platformRegion), endpoint, Optional.ofNullable(problem));
    }

    private Path composeFile(String name) {
        Path f = directory.getParent().resolve(name).normalize();
        if (!Files.isRegularFile(f)) {
            throw ConfigError.at(file, "platform.composeFiles", "no file " + f + " (fix: a path from the repository root, e.g. "
                    + "environments/compose/docker-compose.yml)");
        }
        return f;
    }

    private SuiteGateConfig.Smoke smoke(JsonNode smoke) {
        List<String> tags = new ArrayList<>();
        smoke.path("tags").forEach(t -> tags.add(t.asText()));
        return new SuiteGateConfig.Smoke(List.copyOf(tags), readOnly(smoke),
                Optional.ofNullable(overrides.getOrDefault("gate.tenant", smoke.path("tenant").textValue())),
                address("gates.smoke.allowedOrigin", smoke.path("allowedOrigin").textValue(), "^https?://[^/\\s]+$"));
    }

    /**
     * An address the file may take from a stack ({@code ${stack:…#DashboardUrl}}): checked against {@code shape} once
     * read, since the schema saw only the reference; left as written by a command that reads nothing (cost).
     */
    private Optional<String> address(String field, String text, String shape) {
        String value = secrets.setting(file, field, text);
        if (value != null && !value.startsWith("${stack:") && !value.matches(shape)) {
            throw ConfigError.at(file, field, ConfigError.quote(value) + " is not an http(s) address (fix: e.g. https://app.example.com, or ${stack:STACK#Output})");
        }
        return Optional.ofNullable(value);
    }

    private SuiteGateConfig.Contract contract(JsonNode contract) {
        Path spec = directory.getParent().resolve(contract.get("spec").asText()).normalize();
        if (!Files.isRegularFile(spec)) {
            throw ConfigError.at(file, "gates.contract.spec", "no file " + spec + " (fix: a path from the repository root, e.g. "
                    + "contract-tests/src/main/resources/openapi/driftsentry.yaml)");
        }
        return new SuiteGateConfig.Contract(spec,
                contract.path("generatedRequests").asInt(SuiteGateConfig.Contract.DEFAULT_GENERATED_REQUESTS), readOnly(contract));
    }

    private boolean readOnly(JsonNode gate) {
        return Boolean.parseBoolean(overrides.getOrDefault("gate.readOnly", Boolean.toString(gate.path("readOnly").asBoolean(false))));
    }

    private Environment.Target target() {
        JsonNode t = root.get("target");
        // ${stack:…#ApiUrl}: the address the deployed stack says; left as written by a command that reads nothing (cost).
        String baseUrl = secrets.setting(file, "target.baseUrl", overrides.getOrDefault("gate.baseUrl", t.get("baseUrl").asText()));
        boolean embedded = "embedded".equals(baseUrl);
        // "task": no fixed address (ECS tasks with public IPs, no load balancer); driftgate finds each task's address.
        boolean perTask = "task".equals(baseUrl) && "ecs".equals(root.path("platform").path("type").asText());
        boolean unread = baseUrl.startsWith("${stack:");
        if (!embedded && !perTask && !unread && !baseUrl.matches("https?://[^\\s/]+(/\\S*)?")) {
            throw ConfigError.at(file, "target.baseUrl", "'" + baseUrl + "' is not an http(s) URL or 'embedded'");
        }
        // A key given literally (-Dgate.apiKey) is as secret as a resolved one.
        String apiKey = masker.register(secrets.resolve(file, "target.apiKey", overrides.getOrDefault("gate.apiKey", t.path("apiKey").textValue())));
        return new Environment.Target(embedded || perTask ? null : baseUrl.replaceAll("/+$", ""), embedded, apiKey,
                t.path("seed").asInt(1000), overrides.getOrDefault("gate.expectedVersion", t.path("expectedVersion").textValue()));
    }

    private LoadGateConfig load(JsonNode load) {
        JsonNode p = load.get("profile");
        LoadGateConfig.Profile profile = new LoadGateConfig.Profile(
                q.rate("gates.load.profile.rampTo", value(p, "rampTo", "gate.rampTo")),
                q.duration("gates.load.profile.over", value(p, "over", "gate.over")),
                q.duration("gates.load.profile.hold", value(p, "hold", "gate.hold")));
        List<Threshold> thresholds = new ArrayList<>();
        JsonNode list = load.get("thresholds");
        for (int i = 0; i < list.size(); i++) {
            thresholds.add(new ThresholdReader(file, "gates.load.thresholds[" + i + "]").read(list.get(i)));
        }
        JsonNode abort = load.path("earlyAbort");
        double maxErrorBound = thresholds.stream().filter(t -> t.metric().isRate() && t.bound() == Threshold.Bound.MAX)
                .mapToDouble(Threshold::value).max().orElse(0);
        LoadGateConfig.EarlyAbortConfig early = new LoadGateConfig.EarlyAbortConfig(
                abort.path("window").asInt(100),
                abort.has("errorRate") ? q.percent("gates.load.earlyAbort.errorRate", abort.get("errorRate").asText())
                        : Math.max(0.10, 5 * maxErrorBound),
                abort.has("slowRatio") ? q.percent("gates.load.earlyAbort.slowRatio", abort.get("slowRatio").asText()) : 0.10);
        // baseline: a path, or { path, whenMissing: inconclusive | notJudged }; -Dgate.baseline names the file either way.
        JsonNode b = load.path("baseline");
        String written = b.isTextual() ? b.textValue() : b.path("path").textValue();
        Optional<Path> baseline = Optional.ofNullable(overrides.getOrDefault("gate.baseline", written)).map(f -> directory.getParent().resolve(f));
        boolean notJudged = "notJudged".equals(b.path("whenMissing").asText("inconclusive"));
        return new LoadGateConfig(overrides.getOrDefault("gate.simulation", load.get("simulation").asText()), profile,
                load.path("minRequests").asLong(0), List.copyOf(thresholds), early, baseline, file, notJudged, generators(load.path("generators")));
    }

    /** {@code gates.load.generators}, or {@code -Dgate.generators=N} (the engine stays the file's, else local). */
    private LoadGateConfig.Generators generators(JsonNode g) {
        String engine = g.path("engine").asText("local");
        int count = g.path("count").asInt(1);
        String given = overrides.get("gate.generators");
        if (given != null) {
            try {
                count = Integer.parseInt(given.trim());
            } catch (NumberFormatException e) {
                count = -1;
            }
            if (count < 1 || count > LoadGateConfig.Generators.MAX) {
                throw new ConfigError("-Dgate.generators: " + ConfigError.quote(given) + " is not a generator count (fix: 1 to "
                        + LoadGateConfig.Generators.MAX + ")");
            }
        }
        Optional<String> taskDefinition = Optional.ofNullable(g.path("taskDefinition").textValue());
        if (engine.equals("ecs") && taskDefinition.isEmpty()) {
            throw ConfigError.at(file, "gates.load.generators.taskDefinition", "is required with engine: ecs (fix: the generator's task "
                    + "definition family, e.g. taskDefinition: DriftSentry-staging-load-generator)");
        }
        return new LoadGateConfig.Generators(count, engine, taskDefinition);
    }

    private String value(JsonNode node, String field, String override) {
        return overrides.getOrDefault(override, node.get(field).asText());
    }
}
