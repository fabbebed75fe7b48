package com.driftsentry.infra;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/** The repository's own stacks, synthesized once per test class (the jsii runtime takes seconds to start). */
final class Stacks {
    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static Map<String, Template> templates;

    private Stacks() {
    }

    static synchronized Template of(String stack) {
        if (templates == null) {
            List<Stack> stacks = InfraApp.build(new App(), REPOSITORY);
            templates = new HashMap<>();
            stacks.forEach(s -> templates.put(s.getStackName(), Template.fromStack(s)));
        }
        return templates.get(stack);
    }

    static List<String> names() {
        of("DriftSentry-Shared");
        return templates.keySet().stream().sorted().toList();
    }
}
