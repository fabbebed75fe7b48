package com.driftsentry.gate.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM started by one that checked the environment file reads it without checking it again, and only that file. */
class CheckedEnvironmentTest {
    // Valid but for one field the schema does not know, which the typed reading ignores: only the schema refuses it.
    static final String UNKNOWN_FIELD = EnvironmentLoaderTest.VALID + "colour: blue\n";

    @TempDir
    Path dir;

    @AfterEach
    void forget() {
        System.clearProperty(EnvironmentLoader.CHECKED_PROPERTY);
    }

    private Environment load(String yaml) throws Exception {
        Files.writeString(dir.resolve("qa.yaml"), yaml);
        return new EnvironmentLoader(dir, Map.of(), (masker, region) -> new SecretResolver(Map.of("QA_KEY", "k")::get, masker, region, null))
                .load("qa");
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theSchemaJudgesAFileNobodyVouchedFor() {
        ConfigError e = assertThrows(ConfigError.class, () -> load(UNKNOWN_FIELD));
        assertTrue(e.getMessage().contains("colour"), e.getMessage());
    }

    @Test
    void aFileWithTheVouchedDigestIsNotCheckedAgain() throws Exception {
        System.setProperty(EnvironmentLoader.CHECKED_PROPERTY, sha256(UNKNOWN_FIELD));
        assertEquals("https://qa.example", load(UNKNOWN_FIELD).target().baseUrl());
    }

    @Test
    void aFileChangedAfterItWasCheckedIsCheckedAgain() throws Exception {
        System.setProperty(EnvironmentLoader.CHECKED_PROPERTY, sha256(EnvironmentLoaderTest.VALID));
        ConfigError e = assertThrows(ConfigError.class, () -> load(UNKNOWN_FIELD));
        assertTrue(e.getMessage().contains("colour"), e.getMessage());
    }

    @Test
    void thisJvmVouchesOnlyForTheContentItChecked() throws Exception {
        load(EnvironmentLoaderTest.VALID);
        Path file = EnvironmentLoader.file(dir, "qa");
        assertEquals(Optional.of(sha256(EnvironmentLoaderTest.VALID)), EnvironmentLoader.checkedDigest(file));
        Files.writeString(file, EnvironmentLoaderTest.VALID + "# edited after the check\n");
        assertEquals(Optional.empty(), EnvironmentLoader.checkedDigest(file));
        assertEquals(Optional.empty(), EnvironmentLoader.checkedDigest(dir.resolve("missing.yaml")));
    }
}
