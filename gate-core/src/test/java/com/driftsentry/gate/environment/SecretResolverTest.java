package com.driftsentry.gate.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import com.driftsentry.gate.testing.MotoServer;
import java.net.URI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real AWS SDK Secrets Manager client against moto's server (an implementation no one here wrote). */
class SecretResolverTest {
    MotoServer moto;
    String dbArn;

    @BeforeEach
    void secrets() {
        moto = MotoServer.fresh();
        moto.secret("driftsentry/staging/load-api-key", "dsk_StagingKey_abcdefghijklmnopqrstuvwxyz012345");
        dbArn = moto.secret("driftsentry/staging/db", "{\"username\":\"drift\",\"password\":\"pg-pass-9876\"}");
    }

    SecretResolver resolver(Masker masker) {
        return new SecretResolver(name -> null, masker, "us-east-1", URI.create(moto.endpoint()));
    }

    @Test
    void readsASecretThroughTheRealSdkAndRegistersItForMasking() {
        Masker masker = new Masker();
        try (SecretResolver r = resolver(masker)) {
            String key = r.resolve("staging.yaml", "target.apiKey", "${secret:driftsentry/staging/load-api-key}");
            assertEquals("dsk_StagingKey_abcdefghijklmnopqrstuvwxyz012345", key);
            assertEquals("X-API-Key: ****", masker.mask("X-API-Key: " + key));
        }
    }

    @Test
    void picksAFieldOfAJsonSecret() {
        Masker masker = new Masker();
        try (SecretResolver r = resolver(masker)) {
            assertEquals("pg-pass-9876", r.resolve("f", "x", "${secret:driftsentry/staging/db#password}"));
            assertEquals("drift", r.resolve("f", "x", "${secret:" + dbArn + "#username}"), "by ARN as by name");
            ConfigError e = assertThrows(ConfigError.class, () -> r.resolve("f", "x", "${secret:driftsentry/staging/db#token}"));
            assertTrue(e.getMessage().contains("no JSON field 'token'"), e.getMessage());
            assertFalse(e.getMessage().contains("pg-pass"), "the secret's other fields stay out of the message");
        }
    }

    @Test
    void aMissingSecretNamesItAndTheFix() {
        try (SecretResolver r = resolver(new Masker())) {
            ConfigError e = assertThrows(ConfigError.class, () -> r.resolve("staging.yaml", "target.apiKey", "${secret:nope}"));
            assertTrue(e.getMessage().startsWith("staging.yaml: target.apiKey: secret nope could not be read"), e.getMessage());
            assertTrue(e.getMessage().contains("ResourceNotFoundException") && e.getMessage().contains("fix:"), e.getMessage());
        }
    }

    @Test
    void environmentReferencesResolveInsideText() {
        Masker masker = new Masker();
        SecretResolver r = new SecretResolver(Map.of("TOKEN", "tok-123456")::get, masker, "us-east-1", null);
        assertEquals("Bearer tok-123456", r.resolve("f", "x", "Bearer ${env:TOKEN}"));
        assertEquals("plain", r.resolve("f", "x", "plain"));
        assertEquals("Bearer ****", masker.mask("Bearer tok-123456"));
    }
}
