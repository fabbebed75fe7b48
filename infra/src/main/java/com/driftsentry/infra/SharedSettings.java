package com.driftsentry.infra;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code shared:} part of {@code infra/stages.yaml}: the region, the image repository, the state bucket, who may deploy,
 * and the load generator's image repository (made only when a stage runs its load generators on ECS).
 */
public record SharedSettings(String region, String repository, int keepImages, String stateBucket, String githubRepository,
                             List<String> githubEnvironments, String generatorRepository) {

    public static SharedSettings read(Path repositoryRoot) {
        JsonNode shared = StageSettings.yaml(repositoryRoot.resolve("infra/stages.yaml")).path("shared");
        List<String> environments = new ArrayList<>();
        shared.path("github").path("environments").forEach(e -> environments.add(e.asText()));
        String github = shared.path("github").path("repository").asText();
        if (!github.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("infra/stages.yaml: shared.github.repository: '" + github + "' is not owner/name (fix: e.g. acme/driftsentry)");
        }
        return new SharedSettings(shared.path("region").asText("us-east-1"), shared.path("repository").asText("driftsentry-backend"),
                shared.path("keepImages").asInt(20), shared.path("stateBucket").asText(), github, List.copyOf(environments),
                shared.path("generatorRepository").asText("driftsentry-load-generator"));
    }
}
