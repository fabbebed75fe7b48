package com.driftsentry.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code infra/synthesized/} holds the templates this app synthesizes, committed: {@code driftgate cost}
 * prices them (the driver needs no CDK), and a change to the stack shows as a change to them in review.
 * This test fails when they no longer match the code; {@code -Dinfra.writeTemplates=true} rewrites them.
 */
class SynthesizedTemplatesTest {
    static final Path DIR = Stacks.REPOSITORY.resolve("infra/synthesized");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Test
    void theCommittedTemplatesAreWhatTheAppSynthesizes() throws Exception {
        boolean write = Boolean.getBoolean("infra.writeTemplates");
        List<String> stale = new java.util.ArrayList<>();
        for (String stack : Stacks.names()) {
            JsonNode synthesized = JSON.valueToTree(Stacks.of(stack).toJSON());
            Path file = DIR.resolve(stack + ".template.json");
            if (write) {
                Files.createDirectories(DIR);
                Files.writeString(file, JSON.writeValueAsString(JSON.treeToValue(synthesized, Object.class)) + "\n");
            } else if (!Files.isRegularFile(file) || !JSON.readTree(file.toFile()).equals(synthesized)) {
                stale.add(file.getFileName().toString());
            }
        }
        assertTrue(stale.isEmpty(), "infra/synthesized/" + stale + " no longer match what the app synthesizes: TemplateDiff shows how "
                + "(fix: mvn -f infra/pom.xml test -Dinfra.writeTemplates=true, then review and commit them)");
        try (var files = Files.list(DIR)) {
            assertEquals(Stacks.names().size(), files.filter(f -> f.toString().endsWith(".template.json")).count(),
                    "one template per stack, none left from a stack that is gone");
        }
    }
}
