package com.driftsentry.gate.environment;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;

/**
 * One gate's section of an environment file ({@code gates.<key>}), schema-valid, for a gate that reads its own
 * settings: each value is read with its default, and a bad one is a {@link ConfigError} naming the file and field.
 * (The load, smoke, contract and browser gates have typed records of their own; a gate added later reads its section.)
 */
public record GateSection(String file, String field, JsonNode node) {
    public String text(String name, String orElse) {
        return node.path(name).asText(orElse);
    }

    public long count(String name, long orElse) {
        return node.has(name) ? new Quantities(file).count(field + "." + name, node.get(name).asText()) : orElse;
    }

    public Duration duration(String name, Duration orElse) {
        return node.has(name) ? new Quantities(file).duration(field + "." + name, node.get(name).asText()) : orElse;
    }

    /** A value the gate refuses: one line naming the file, the field and the fix. */
    public ConfigError error(String name, String problemAndFix) {
        return ConfigError.at(file, field + "." + name, problemAndFix);
    }

    /** The sections of {@code gates:} in a file, by key. */
    public record All(String file, JsonNode gates) {
        public Optional<GateSection> get(String key) {
            JsonNode node = gates.path(key);
            return node.isMissingNode() || node.isNull() ? Optional.empty() : Optional.of(new GateSection(file, "gates." + key, node));
        }
    }
}
