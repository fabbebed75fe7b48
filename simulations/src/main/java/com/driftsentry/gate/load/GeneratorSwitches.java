package com.driftsentry.gate.load;

import com.driftsentry.gate.environment.ConfigError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code -D} switches a generator is started with, whatever engine starts it: its role, and the run's own switches passed on. */
final class GeneratorSwitches {
    /** Settings the coordinator gives each generator itself (or, the key and the folders, never passes on). */
    private static final List<String> OWN = List.of("gate.baseUrl", "gate.apiKey", "gate.output", "gate.generators", "gate.generator.index",
            "gate.generator.count", "gate.run", "gate.environments", "gate.generators.readyWithin");

    private GeneratorSwitches() {
    }

    /** Generator i's role, and every {@code -Dgate.*} switch this run was given that is not the coordinator's own, as {@code name=value}. */
    static List<String> properties(String runId, int i, int count) {
        List<String> properties = new ArrayList<>(List.of("gate.generator.index=" + i, "gate.generator.count=" + count, "gate.run=" + runId));
        for (Map.Entry<Object, Object> p : System.getProperties().entrySet()) {
            String name = p.getKey().toString();
            if (name.startsWith("gate.") && !OWN.contains(name)) {
                properties.add(name + "=" + p.getValue());
            }
        }
        return properties;
    }

    /**
     * The same for a generator in a container, as one {@code JAVA_TOOL_OPTIONS} value: the environment and simulation named
     * (the image runs {@code EnvironmentSimulation}) and the target. The JVM splits it at spaces, so a switch holding one is bad input.
     */
    static String of(LoadPlan plan, String runId, String baseUrl, int i, int count) {
        List<String> all = new ArrayList<>(List.of("env=" + plan.environment().name(), "gate.baseUrl=" + baseUrl));
        all.addAll(properties(runId, i, count));
        if (all.stream().noneMatch(p -> p.startsWith("gate.simulation="))) {
            all.add("gate.simulation=" + plan.simulation());
        }
        StringBuilder options = new StringBuilder();
        for (String p : all) {
            if (p.chars().anyMatch(Character::isWhitespace)) {
                throw new ConfigError("-D" + p.substring(0, p.indexOf('=')) + ": a generator task takes its switches in "
                        + EcsEngine.OPTIONS_VARIABLE + ", which the JVM splits at spaces (fix: a value without spaces)");
            }
            options.append(options.length() == 0 ? "" : " ").append("-D").append(p);
        }
        return options.toString();
    }
}
