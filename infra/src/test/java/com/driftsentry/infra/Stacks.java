package com.driftsentry.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

/** The repository's own stacks, synthesized once per test class (the jsii runtime takes seconds to start). */
final class Stacks {
    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    /** The family the scaled-out variant's staging names for its generators. */
    static final String GENERATOR_FAMILY = "driftsentry-staging-load-generator";
    private static Map<String, Template> templates;
    private static Map<String, Template> scaledOut;

    private Stacks() {
    }

    static synchronized Template of(String stack) {
        if (templates == null) {
            templates = synthesized(REPOSITORY);
        }
        return templates.get(stack);
    }

    /** The same stacks when staging's environment runs its load as 3 generators on ECS (no shipped environment does). */
    static synchronized Template scaledOut(String stack) {
        if (scaledOut == null) {
            try {
                Path copy = Files.createTempDirectory("infra-scaled-out");
                Files.createDirectories(copy.resolve("infra"));
                Files.copy(REPOSITORY.resolve("infra/stages.yaml"), copy.resolve("infra/stages.yaml"));
                Files.createDirectories(copy.resolve("environments"));
                for (String env : List.of("staging.yaml", "production.yaml")) {
                    Files.copy(REPOSITORY.resolve("environments").resolve(env), copy.resolve("environments").resolve(env));
                }
                Path staging = copy.resolve("environments/staging.yaml");
                String yaml = Files.readString(staging);
                if (!yaml.contains("\n  load:\n")) {
                    throw new IllegalStateException("environments/staging.yaml has no gates.load block to add generators to");
                }
                Files.writeString(staging, yaml.replace("\n  load:\n", "\n  load:\n    generators: { count: 3, engine: ecs, taskDefinition: "
                        + GENERATOR_FAMILY + " }\n"));
                scaledOut = synthesized(copy);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return scaledOut.get(stack);
    }

    private static Map<String, Template> synthesized(Path repository) {
        Map<String, Template> all = new HashMap<>();
        InfraApp.build(new App(), repository).forEach(s -> all.put(s.getStackName(), Template.fromStack(s)));
        return all;
    }

    static List<String> names() {
        of("DriftSentry-Shared");
        return templates.keySet().stream().sorted().toList();
    }
}
