package com.driftsentry.gate.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every job of the shipped workflows can reach its verdict with what it installs (the browser, the images, the
 * variables and credentials its environments read), and docs/CI-CD.md lists each of them. The scratch cases
 * drop one step from a copy of a workflow and expect the check to name what went missing: proof it can fail.
 */
class WorkflowReadinessTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path WORKFLOWS = ROOT.resolve(".github/workflows");
    private static final YAMLMapper YAML = new YAMLMapper();
    private final WorkflowReadiness readiness = new WorkflowReadiness(ROOT);

    private static String text(String workflow) throws IOException {
        return Files.readString(WORKFLOWS.resolve(workflow));
    }

    /** A copy of the workflow without the steps of {@code job} whose name starts with {@code step}. */
    private static String without(String workflow, String job, String step) throws IOException {
        JsonNode tree = YAML.readTree(text(workflow));
        ArrayNode steps = (ArrayNode) tree.path("jobs").path(job).path("steps");
        int before = steps.size();
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i).path("name").asText(steps.get(i).path("uses").asText()).startsWith(step)) {
                steps.remove(i);
            }
        }
        assertEquals(before - 1, steps.size(), "the scratch change removes exactly one step of " + job);
        return YAML.writeValueAsString(tree);
    }

    @Test
    void everyJobOfTheShippedWorkflowsCanReachItsVerdict() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(WORKFLOWS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                problems.addAll(readiness.problems(f.getFileName().toString(), Files.readString(f)));
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void aComposeStageWithoutTheRunnersBrowserStepIsNamed() throws IOException {
        List<String> problems = readiness.problems("ci.yml", without("ci.yml", "compose-stage", "The runner's browser"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("ci.yml job compose-stage step 'Compose stage': environments/compose.yaml gates a browser"
                + " (gates.browser) and no earlier step provides one"), problems.get(0));
    }

    @Test
    void aProductionDeployWithoutTheRunnersBrowserStepIsNamed() throws IOException {
        List<String> problems = readiness.problems("deploy.yml", without("deploy.yml", "production", "The runner's browser"));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("job production step 'Deploy, gate, promote or roll back': environments/production.yaml gates a browser"),
                problems.get(0));
        assertTrue(problems.get(1).contains("job production step 'Publish the dashboard, judge it where users open it, or put the previous page back': "
                + "environments/production.yaml gates a browser"), problems.get(1));
    }

    @Test
    void aProductionDeployThatNeverPublishesItsHostedPageIsNamed() throws IOException {
        List<String> problems = readiness.problems("deploy.yml", without("deploy.yml", "production", "Publish the dashboard"));
        assertEquals(List.of("deploy.yml job production: deploys production, which hosts its dashboard (platform.dashboard), and no later step "
                + "publishes the page (fix: driftgate publish --env production after the deploy)"), problems);
    }

    @Test
    void aComposeStageWithoutItsImagesStepNamesEveryImage() throws IOException {
        List<String> problems = readiness.problems("ci.yml", without("ci.yml", "compose-stage", "Official images"));
        String all = String.join("\n", problems);
        for (String image : List.of("eclipse-temurin:17-jdk", "debian:bookworm-slim", "postgres:15-alpine", "redis:7-alpine")) {
            assertTrue(all.contains(image + ", which no earlier step pulls") || all.contains("image " + image + " and no earlier step pulls it"),
                    image + " not named: " + all);
        }
    }

    @Test
    void theTestsWithoutTheBrowserRequirementOrTheBrowserAreNamed() throws IOException {
        JsonNode tree = YAML.readTree(text("ci.yml"));
        for (JsonNode step : tree.path("jobs").path("tests").path("steps")) {
            if (step.has("env")) {
                ((ObjectNode) step.get("env")).remove("DRIFTGATE_BROWSER_REQUIRED");
            }
        }
        List<String> problems = readiness.problems("ci.yml", YAML.writeValueAsString(tree));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("without DRIFTGATE_BROWSER_REQUIRED=true"), problems.get(0));
        assertTrue(String.join("\n", readiness.problems("ci.yml", without("ci.yml", "tests", "The runner's browser")))
                .contains("the browser tests need a browser and no earlier step provides one"));
    }

    @Test
    void theTestsWithoutMotoOrItsRequirementAreNamed() throws IOException {
        List<String> problems = readiness.problems("ci.yml", without("ci.yml", "tests", "The AWS implementation the AWS calls are tested against"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("the AWS peer tests need moto's server and no earlier step installs it"), problems.get(0));
        JsonNode tree = YAML.readTree(text("ci.yml"));
        for (JsonNode step : tree.path("jobs").path("tests").path("steps")) {
            if (step.has("env")) {
                ((ObjectNode) step.get("env")).remove("DRIFTGATE_MOTO_REQUIRED");
            }
        }
        assertTrue(String.join("\n", readiness.problems("ci.yml", YAML.writeValueAsString(tree))).contains("without DRIFTGATE_MOTO_REQUIRED=true"));
    }

    @Test
    void aDeployWithoutCredentialsOrTheStateBucketVariableIsNamed() throws IOException {
        List<String> noCredentials = readiness.problems("deploy.yml", without("deploy.yml", "staging", "aws-actions/configure-aws-credentials"));
        assertTrue(noCredentials.stream().anyMatch(p -> p.contains("job staging step 'Plan'") && p.contains("no earlier step gives credentials")),
                noCredentials.toString());
        ObjectNode tree = (ObjectNode) YAML.readTree(text("nightly.yml"));
        tree.remove("env");
        List<String> noBucket = readiness.problems("nightly.yml", YAML.writeValueAsString(tree));
        assertTrue(noBucket.stream().anyMatch(p -> p.contains("reads ${env:DRIFTGATE_STATE_BUCKET}, which the job does not set")), noBucket.toString());
    }

    @Test
    void docsCiCdNamesEveryVariableImageAndBrowserSettingTheWorkflowsUse() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/CI-CD.md"));
        Set<String> used = new LinkedHashSet<>(List.of("CHROME_BIN", "CHROMEWEBDRIVER", "DRIFTGATE_BROWSER_BINARY", "DRIFTGATE_BROWSER_DRIVER",
                "DRIFTGATE_BROWSER_REQUIRED", "DRIFTGATE_COMPOSE_REQUIRED"));
        for (String workflow : List.of("ci.yml", "deploy.yml", "nightly.yml")) {
            Matcher m = Pattern.compile("(?:vars|secrets)\\.([A-Za-z_][A-Za-z0-9_]*)|docker pull -q (\\S+)").matcher(text(workflow));
            while (m.find()) {
                used.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
        }
        used.addAll(readiness.baseImages());
        List<String> missing = used.stream().filter(u -> !doc.contains("`" + u + "`")).toList();
        assertEquals(List.of(), missing, "docs/CI-CD.md names each (in backticks) with what needs it");
    }
}
