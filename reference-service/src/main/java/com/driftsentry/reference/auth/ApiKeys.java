package com.driftsentry.reference.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.driftsentry.reference.store.Transactions;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** API keys as stored: a public prefix, a bcrypt hash of the whole key, a role and a revocation time. */
public final class ApiKeys {
    static final int BCRYPT_COST = 10;

    public record StoredKey(UUID id, UUID tenantId, Role role, String prefix, byte[] hash, boolean revoked) {
    }

    public record KeyView(UUID id, String prefix, String role, String name, Instant createdAt, Instant revokedAt) {
    }

    /** The result of creating a key: the only moment its plaintext exists outside the caller. */
    public record CreatedKey(KeyView key, String plaintext) {
    }

    private final Transactions tx;

    public ApiKeys(Transactions tx) {
        this.tx = tx;
    }

    public CreatedKey create(Connection c, UUID tenantId, Role role, String name) throws SQLException {
        String plaintext = ApiKeyFormat.generate();
        String prefix = ApiKeyFormat.prefixOf(plaintext).orElseThrow();
        String hash = BCrypt.withDefaults().hashToString(BCRYPT_COST, plaintext.toCharArray());
        UUID id = UUID.randomUUID();
        try (PreparedStatement ps = c.prepareStatement(
                "insert into api_keys (id, tenant_id, prefix, key_hash, role, name) values (?, ?, ?, ?, ?, ?) returning created_at")) {
            ps.setObject(1, id);
            ps.setObject(2, tenantId);
            ps.setString(3, prefix);
            ps.setString(4, hash);
            ps.setString(5, role.wire());
            ps.setString(6, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new CreatedKey(new KeyView(id, prefix, role.wire(), name, rs.getTimestamp(1).toInstant(), null), plaintext);
            }
        }
    }

    public Optional<StoredKey> findByPrefix(String prefix) {
        return tx.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select id, tenant_id, role, key_hash, revoked_at is not null from api_keys where prefix = ?")) {
                ps.setString(1, prefix);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new StoredKey(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            Role.fromWire(rs.getString(3)), prefix, rs.getString(4).getBytes(StandardCharsets.UTF_8), rs.getBoolean(5)));
                }
            }
        });
    }

    public List<KeyView> list(UUID tenantId) {
        return tx.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select id, prefix, role, name, created_at, revoked_at from api_keys where tenant_id = ? order by created_at desc")) {
                ps.setObject(1, tenantId);
                List<KeyView> keys = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        keys.add(new KeyView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getTimestamp(5).toInstant(),
                                rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()));
                    }
                }
                return keys;
            }
        });
    }

    /** Marks a live key of this tenant revoked; false when there is no such live key. */
    public boolean revoke(Connection c, UUID tenantId, UUID keyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update api_keys set revoked_at = now() where id = ? and tenant_id = ? and revoked_at is null")) {
            ps.setObject(1, keyId);
            ps.setObject(2, tenantId);
            return ps.executeUpdate() == 1;
        }
    }

    static boolean matches(String presented, StoredKey stored) {
        return BCrypt.verifyer().verify(presented.getBytes(StandardCharsets.UTF_8), stored.hash()).verified;
    }
}
