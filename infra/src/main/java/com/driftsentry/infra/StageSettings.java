package com.driftsentry.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One stage as the stack builds it: the names from {@code environments/<stage>.yaml} (so that what
 * driftgate reads is what the stack creates) and the sizes from {@code infra/stages.yaml}. A name
 * the stack cannot create is refused with the file and the field.
 */
public record StageSettings(String stage, String region, String cluster, String service, List<String> alarms, String budgetName,
                            double monthlyCapUsd, List<String> secrets, int cpu, int memoryMiB, int desiredCount, int storageGb,
                            int backupDays, int logRetentionDays, boolean production, int gateOnlyTasks, boolean dashboard,
                            List<String> corsOrigins, Optional<LoadGenerators.Settings> generators, String statePrefix) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern SECRET = Pattern.compile("\\$\\{secret:([^}#]+)(?:#[^}]*)?}");

    public static StageSettings read(Path repository, String stage) {
        Path envFile = repository.resolve("environments").resolve(stage + ".yaml");
        JsonNode env = yaml(envFile);
        JsonNode sizes = yaml(repository.resolve("infra/stages.yaml")).path("stages").path(stage);
        if (sizes.isMissingNode()) {
            throw new IllegalArgumentException("infra/stages.yaml: stages." + stage + " is missing (fix: add its task, database and logRetentionDays)");
        }
        JsonNode platform = env.path("platform");
        if (!"ecs".equals(platform.path("type").asText())) {
            throw new IllegalArgumentException(envFile + ": platform.type: the stack builds an ecs stage, not '" + platform.path("type").asText() + "'");
        }
        List<String> alarms = new ArrayList<>();
        env.path("gates").path("alarms").forEach(a -> alarms.add(a.asText()));
        List<String> secrets = new ArrayList<>();
        Matcher m = SECRET.matcher(env.toString());
        while (m.find()) {
            if (!secrets.contains(m.group(1))) {
                secrets.add(m.group(1));
            }
        }
        JsonNode budget = env.path("gates").path("budget");
        String statePrefix = env.path("state").path("prefix").asText("").replaceAll("^/+|/+$", "");
        // The dashboard's origin (gates.browser.dashboardUrl) and the one the smoke suite proves: the API's CORS allow-list.
        // A ${stack:…} value is this stack's own output (the hosted dashboard's origin, which StageStack adds itself).
        List<String> origins = new ArrayList<>();
        Optional.ofNullable(env.path("gates").path("browser").path("dashboardUrl").textValue()).filter(u -> !u.startsWith("${"))
                .map(u -> java.net.URI.create(u)).map(u -> u.getScheme() + "://" + u.getAuthority()).ifPresent(origins::add);
        Optional.ofNullable(env.path("gates").path("smoke").path("allowedOrigin").textValue()).filter(o -> !o.startsWith("${"))
                .filter(o -> !origins.contains(o)).ifPresent(origins::add);
        return new StageSettings(stage, platform.path("region").asText("us-east-1"), platform.path("cluster").asText(),
                platform.path("service").asText(), List.copyOf(alarms), budget.path("name").asText("driftsentry-monthly"),
                budget.path("monthlyCapUsd").asDouble(1.0), List.copyOf(secrets), sizes.path("task").path("cpu").asInt(256),
                sizes.path("task").path("memoryMiB").asInt(512), sizes.path("task").path("desiredCount").asInt(1),
                sizes.path("database").path("storageGb").asInt(20), sizes.path("database").path("backupDays").asInt(7),
                sizes.path("logRetentionDays").asInt(14), "production".equals(stage), platform.path("gateOnly").path("tasks").asInt(0),
                sizes.path("dashboard").asBoolean(true), List.copyOf(origins), LoadGenerators.Settings.read(envFile, env, sizes, statePrefix),
                statePrefix);
    }

    /**
     * The gate-only profile ({@code platform.gateOnly} in the environment file): the service rests at 0 tasks
     * (driftgate scales it up for a deploy or a gate and back down), and PostgreSQL runs inside the task, so
     * nothing bills while no gate runs but the secret, the alarms and the stored images and logs.
     */
    public boolean gateOnly() {
        return gateOnlyTasks > 0;
    }

    /** Where a stage's scaled-out runs talk (the stage store's {@code scaleout/}, gate-core's RunChannel.PREFIX), in the state bucket. */
    static String channelPrefix(String statePrefix) {
        return (statePrefix.isEmpty() ? "" : statePrefix + "/") + "scaleout/";
    }

    /** Tasks at rest: none for a gate-only stage. */
    public int restingTasks() {
        return gateOnly() ? 0 : desiredCount;
    }

    static JsonNode yaml(Path file) {
        try {
            return YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
