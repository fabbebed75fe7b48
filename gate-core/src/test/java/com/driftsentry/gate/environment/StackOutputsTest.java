package com.driftsentry.gate.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.testing.MotoServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ${stack:STACK#Output}} read with the real CloudFormation client from stacks moto's server holds: the address
 * a stage's stack says is what the gates reach, and a stack or output that is not there is one line naming both.
 */
class StackOutputsTest {
    static final String API = "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com";

    @TempDir
    Path dir;
    MotoServer moto;

    @BeforeEach
    void stack() {
        moto = MotoServer.fresh();
        moto.stack("DriftSentry-production", Map.of("ApiUrl", API, "Region", "us-east-1"));
    }

    SecretResolver resolver() {
        return new SecretResolver(name -> null, new Masker(), "us-east-1", URI.create(moto.endpoint()));
    }

    @Test
    void theStagesAddressIsTheOutputItsStackSays() throws Exception {
        try (SecretResolver r = resolver()) {
            assertEquals(API, r.setting("production.yaml", "target.baseUrl", "${stack:DriftSentry-production#ApiUrl}"));
        }
        Path envs = Files.createDirectories(dir.resolve("environments"));
        Files.writeString(envs.resolve("production.yaml"), """
                name: production
                target: { baseUrl: "${stack:DriftSentry-production#ApiUrl}" }
                gates: {}
                """);
        Environment env = new EnvironmentLoader(envs, Map.of(), (masker, region) -> new SecretResolver(name -> null, masker, region,
                URI.create(moto.endpoint()))).load("production");
        assertEquals(API, env.target().baseUrl(), "what the gates and the probe reach");
    }

    @Test
    void aMissingOutputOrStackIsOneLineNamingItAndTheFix() {
        try (SecretResolver r = resolver()) {
            ConfigError output = assertThrows(ConfigError.class, () -> r.setting("production.yaml", "target.baseUrl", "${stack:DriftSentry-production#DashboardUrl}"));
            assertEquals("production.yaml: target.baseUrl: stack DriftSentry-production in us-east-1 has no output DashboardUrl (it has: ApiUrl, Region) "
                    + "(fix: deploy the stack that creates it, cdk deploy DriftSentry-production, or name one it has)", output.getMessage());
            ConfigError stack = assertThrows(ConfigError.class, () -> r.setting("production.yaml", "target.baseUrl", "${stack:DriftSentry-prod#ApiUrl}"));
            assertTrue(stack.getMessage().startsWith("production.yaml: target.baseUrl: stack DriftSentry-prod does not exist in us-east-1 (fix: deploy it"),
                    stack.getMessage());
            ConfigError malformed = assertThrows(ConfigError.class, () -> r.setting("production.yaml", "target.baseUrl", "${stack:DriftSentry-production}"));
            assertTrue(malformed.getMessage().contains("names no output (fix: ${stack:<stack name>#<output>}"), malformed.getMessage());
            for (ConfigError e : new ConfigError[] {output, stack, malformed}) {
                assertFalse(e.getMessage().contains("\n"), "one line");
            }
        }
    }

    @Test
    void aCommandThatReadsNothingLeavesTheReferenceAsWritten() {
        try (SecretResolver r = SecretResolver.unread(new Masker(), "us-east-1")) {
            assertEquals("${stack:DriftSentry-production#ApiUrl}", r.setting("f", "target.baseUrl", "${stack:DriftSentry-production#ApiUrl}"));
        }
    }
}
