package com.driftsentry.gate.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a workflow as GitHub's hosted runner would run it and says, for each step that runs {@code driftgate} or
 * {@code mvn}, what the environment it names needs that no earlier step of its job provides: a browser for
 * {@code gates.browser}, the images of a compose stage and of the images the job builds, the build's own
 * candidate image, the variables its file reads ({@code ${env:NAME}}), and AWS credentials for secrets, an ECS
 * platform or an S3 stage store. The runner's image is not assumed to carry anything: a job says what it uses
 * by a step (installing it, or checking and exporting the runner's own, as the browser step does).
 */
final class WorkflowReadiness {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern DEFAULT_IMAGE = Pattern.compile("image:\\s*\\$\\{[A-Z_]+:-([^}]+)}|image:\\s*([^\\s$]+)");
    private static final Pattern PULL = Pattern.compile("docker pull(?: -q)? (\\S+)");
    private static final Pattern EXPORT = Pattern.compile("echo \"([A-Z_][A-Z0-9_]*)=.*>>\\s*\"?\\$GITHUB_ENV");
    private static final Pattern DRIFTGATE = Pattern.compile("driftgate(?:\\.jar)?\\s+([a-z]+)((?:\\s+\\S+)*)");
    private static final Pattern OWN_IMAGE = Pattern.compile("\"?driftsentry-(reference|dashboard):\\S*");

    private final Path root;

    WorkflowReadiness(Path root) {
        this.root = root;
    }

    /** What the job as it is cannot give each step, one line each; empty when every step can reach its verdict. */
    List<String> problems(String name, String workflowText) throws IOException {
        JsonNode workflow = YAML.readTree(workflowText);
        List<String> problems = new ArrayList<>();
        Set<String> workflowEnv = keys(workflow.path("env"));
        workflow.path("jobs").fields().forEachRemaining(job -> {
            try {
                problems.addAll(job(name + " job " + job.getKey(), job.getValue(), workflowEnv));
            } catch (IOException e) {
                problems.add(name + " job " + job.getKey() + ": " + e.getMessage());
            }
        });
        return problems;
    }

    private static final class Provided {
        final Set<String> env = new LinkedHashSet<>();
        final Set<String> images = new LinkedHashSet<>();
        boolean browser;
        boolean moto;
        boolean aws;
        boolean ownImages;
        /** Environments a step deploys that host their dashboard, and those a step publishes. */
        final Set<String> hostedDeploys = new LinkedHashSet<>();
        final Set<String> published = new LinkedHashSet<>();
    }

    private List<String> job(String where, JsonNode job, Set<String> workflowEnv) throws IOException {
        List<String> problems = new ArrayList<>();
        Provided has = new Provided();
        has.env.addAll(workflowEnv);
        has.env.addAll(keys(job.path("env")));
        for (JsonNode step : job.path("steps")) {
            String uses = step.path("uses").asText("");
            String run = step.path("run").asText("");
            String label = where + " step '" + step.path("name").asText(uses.isEmpty() ? run.lines().findFirst().orElse("") : uses) + "'";
            Set<String> env = new LinkedHashSet<>(has.env);
            env.addAll(keys(step.path("env")));
            for (String line : run.lines().toList()) {
                problems.addAll(needs(label, line, env, has));
            }
            has.browser |= uses.startsWith("browser-actions/setup-chrome") || run.contains("scripts/runner-browser.sh")
                    || run.contains("DRIFTGATE_BROWSER_BINARY=")
                    || (run.contains("apt-get install") && run.contains("chromium"));
            has.moto |= run.contains("pip install") && run.contains("moto[server]");
            has.aws |= uses.startsWith("aws-actions/configure-aws-credentials");
            if (run.contains("scripts/build-backend-image.sh")) {
                baseImages().stream().filter(i -> !has.images.contains(i))
                        .forEach(i -> problems.add(label + ": builds images from " + i + ", which no earlier step pulls (fix: docker pull -q " + i + ")"));
                has.ownImages = true;
            }
            Matcher pulled = PULL.matcher(run);
            while (pulled.find()) {
                has.images.add(pulled.group(1));
            }
            Matcher exported = EXPORT.matcher(run);
            while (exported.find()) {
                has.env.add(exported.group(1));
            }
        }
        // A hosted page is published after its API promotes, in the same job (the deploy's browser line waits for the first).
        has.hostedDeploys.stream().filter(e -> !has.published.contains(e)).forEach(e -> problems.add(where + ": deploys " + e
                + ", which hosts its dashboard (platform.dashboard), and no later step publishes the page (fix: driftgate publish --env " + e
                + " after the deploy)"));
        return problems;
    }

    /** What one command line needs of its job, as problems. */
    private List<String> needs(String label, String line, Set<String> env, Provided has) throws IOException {
        List<String> problems = new ArrayList<>();
        Matcher driftgate = DRIFTGATE.matcher(line);
        boolean mvn = line.matches("\\s*mvn\\s.*") && !line.contains("-f infra/pom.xml") && !line.contains("-DskipTests");
        if (driftgate.find()) {
            String command = driftgate.group(1);
            String args = driftgate.group(2);
            Optional<String> environment = argument(args, "--env");
            if (environment.isEmpty()) {
                return problems;
            }
            boolean changes = List.of("deploy", "publish").contains(command) && !args.contains("--dry-run");
            boolean gates = changes || command.equals("gate");
            if (changes && Files.exists(root.resolve("environments").resolve(environment.get() + ".yaml"))
                    && YAML.readTree(root.resolve("environments").resolve(environment.get() + ".yaml").toFile()).path("platform").has("dashboard")) {
                (command.equals("deploy") ? has.hostedDeploys : has.published).add(environment.get());
            }
            problems.addAll(environment(label, environment.get(), env, has, gates, args));
            Optional<String> image = argument(args, "--image");
            if (gates && image.isPresent() && OWN_IMAGE.matcher(image.get()).matches() && !has.ownImages) {
                problems.add(label + ": --image " + image.get() + " is built by no earlier step (fix: scripts/build-backend-image.sh <version>)");
            }
        } else if (mvn && line.contains("gatling:test")) {
            problems.addAll(environment(label, argument(line, "-Denv").orElse("local"), env, has, false, line));
        } else if (mvn && line.contains("verify") && !line.contains("-Denv")) {
            // The test suite: its browser and compose tests must run, not skip.
            for (String required : List.of("DRIFTGATE_BROWSER_REQUIRED", "DRIFTGATE_COMPOSE_REQUIRED", "DRIFTGATE_MOTO_REQUIRED")) {
                if (!env.contains(required)) {
                    problems.add(label + ": the tests run without " + required + "=true, so they skip where the job lacks what they need (fix: set it in the step's env)");
                }
            }
            if (!has.browser) {
                problems.add(label + ": the browser tests need a browser and no earlier step provides one (fix: the runner's browser step, as in ci.yml)");
            }
            if (!has.moto) {
                problems.add(label + ": the AWS peer tests need moto's server and no earlier step installs it (fix: pip install 'moto[server]==5.2.1', as in ci.yml)");
            }
            problems.addAll(images(label, List.of("environments/compose/docker-compose.yml"), has, true));
        }
        return problems;
    }

    private List<String> environment(String label, String name, Set<String> env, Provided has, boolean gates, String args) throws IOException {
        List<String> problems = new ArrayList<>();
        Path file = root.resolve("environments").resolve(name + ".yaml");
        if (!Files.exists(file)) {
            return List.of(label + ": names environment " + name + ", which environments/ does not have");
        }
        String text = Files.readString(file);
        JsonNode tree = YAML.readTree(text);
        Matcher reference = ENV_REFERENCE.matcher(text);
        while (reference.find()) {
            if (!env.contains(reference.group(1))) {
                problems.add(label + ": environments/" + name + ".yaml reads ${env:" + reference.group(1) + "}, which the job does not set"
                        + " (fix: env: " + reference.group(1) + ": ${{ vars." + reference.group(1) + " }})");
            }
        }
        boolean aws = text.contains("${secret:") || text.contains("${stack:") || tree.path("platform").path("type").asText().equals("ecs")
                || tree.path("state").path("type").asText().equals("s3");
        if (aws && !has.aws) {
            problems.add(label + ": environments/" + name + ".yaml reaches AWS (secrets, stack outputs, ECS or an S3 store) and no earlier step gives"
                    + " credentials (fix: aws-actions/configure-aws-credentials with the deploy role)");
        }
        if (gates && tree.path("gates").has("browser") && !has.browser) {
            problems.add(label + ": environments/" + name + ".yaml gates a browser (gates.browser) and no earlier step provides one, so the"
                    + " browser gate ends INCONCLUSIVE (fix: the runner's browser step, as in ci.yml's compose-stage)");
        }
        if (gates && tree.path("platform").path("type").asText().equals("compose")) {
            List<String> files = new ArrayList<>();
            tree.path("platform").path("composeFiles").forEach(f -> files.add(f.asText()));
            argument(args, "--compose-file").ifPresent(files::add);
            problems.addAll(images(label, files, has, false));
        }
        return problems;
    }

    /** Every image the compose files name (their defaults), pulled or built by an earlier step; the suite builds its own. */
    private List<String> images(String label, List<String> composeFiles, Provided has, boolean buildsOwn) throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> needed = new LinkedHashSet<>();
        for (String f : composeFiles) {
            Matcher m = DEFAULT_IMAGE.matcher(Files.readString(root.resolve(f)));
            while (m.find()) {
                needed.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
        }
        if (buildsOwn) {
            needed.addAll(baseImages());
        }
        for (String image : needed) {
            boolean own = OWN_IMAGE.matcher(image).matches();
            if (own ? !(has.ownImages || buildsOwn) : !has.images.contains(image)) {
                problems.add(label + ": the compose stage needs image " + image + " and no earlier step " + (own ? "builds" : "pulls") + " it (fix: "
                        + (own ? "scripts/build-backend-image.sh <version>" : "docker pull -q " + image) + ")");
            }
        }
        return problems;
    }

    /** The images the Dockerfiles of the build start from (their ARG defaults). */
    Set<String> baseImages() throws IOException {
        Set<String> bases = new LinkedHashSet<>();
        for (String dockerfile : List.of("reference-service/Dockerfile", "dashboard/Dockerfile")) {
            Matcher m = Pattern.compile("(?m)^ARG [A-Z_]+_IMAGE=(\\S+)").matcher(Files.readString(root.resolve(dockerfile)));
            while (m.find()) {
                bases.add(m.group(1));
            }
        }
        return bases;
    }

    private static Optional<String> argument(String args, String name) {
        Matcher m = Pattern.compile(Pattern.quote(name) + "[=\\s]+\"?([^\"\\s]+)").matcher(args);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Set<String> keys(JsonNode map) {
        Set<String> keys = new LinkedHashSet<>();
        map.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
