package com.driftsentry.reference.drift;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * Remembers which drift an {@code Idempotency-Key} created and from which request body, so a
 * retried POST returns the first result instead of a duplicate. Concurrent requests with the same
 * key are serialised by a transaction-scoped advisory lock on (tenant, key).
 */
public final class IdempotencyKeys {
    public record Stored(String requestHash, UUID driftId) {
    }

    public Optional<Stored> lockAndFind(Connection c, UUID tenantId, String key) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtextextended(? || '|' || ?, 0))")) {
            lock.setString(1, tenantId.toString());
            lock.setString(2, key);
            lock.execute();
        }
        try (PreparedStatement ps = c.prepareStatement("select request_hash, drift_id from idempotency_keys where tenant_id = ? and key = ?")) {
            ps.setObject(1, tenantId);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Stored(rs.getString(1), rs.getObject(2, UUID.class))) : Optional.empty();
            }
        }
    }

    public void save(Connection c, UUID tenantId, String key, String requestHash, UUID driftId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into idempotency_keys (tenant_id, key, request_hash, drift_id) values (?, ?, ?, ?)")) {
            ps.setObject(1, tenantId);
            ps.setString(2, key);
            ps.setString(3, requestHash);
            ps.setObject(4, driftId);
            ps.executeUpdate();
        }
    }
}
