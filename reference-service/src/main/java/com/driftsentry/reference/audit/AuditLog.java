package com.driftsentry.reference.audit;

import com.driftsentry.reference.store.Transactions;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The audit trail: written inside the transaction of the change it describes, read by admins. */
public final class AuditLog {
    public record Event(long id, UUID actorKeyId, String action, String targetType, String targetId,
                        String requestId, Map<String, Object> detail, Instant createdAt) {
    }

    private final Transactions tx;
    private final ObjectMapper mapper;

    public AuditLog(Transactions tx, ObjectMapper mapper) {
        this.tx = tx;
        this.mapper = mapper;
    }

    public void record(Connection c, UUID tenantId, UUID actorKeyId, String action, String targetType, String targetId,
                       String requestId, Map<String, ?> detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into audit_events (tenant_id, actor_key_id, action, target_type, target_id, request_id, detail)
                values (?, ?, ?, ?, ?, ?, ?::jsonb)""")) {
            ps.setObject(1, tenantId);
            ps.setObject(2, actorKeyId);
            ps.setString(3, action);
            ps.setString(4, targetType);
            ps.setString(5, targetId);
            ps.setString(6, requestId);
            ps.setString(7, toJson(detail));
            ps.executeUpdate();
        }
    }

    /** Newest first; {@code beforeId} pages backwards. */
    public List<Event> list(UUID tenantId, Long beforeId, int limit) {
        return tx.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    select id, actor_key_id, action, target_type, target_id, request_id, detail::text, created_at
                    from audit_events where tenant_id = ? and id < ? order by id desc limit ?""")) {
                ps.setObject(1, tenantId);
                ps.setLong(2, beforeId == null ? Long.MAX_VALUE : beforeId);
                ps.setInt(3, limit);
                List<Event> events = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        events.add(new Event(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), fromJson(rs.getString(7)), rs.getTimestamp(8).toInstant()));
                    }
                }
                return events;
            }
        });
    }

    private String toJson(Map<String, ?> detail) {
        ObjectNode node = mapper.valueToTree(detail);
        return node.toString();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> fromJson(String json) {
        try {
            return mapper.readValue(json, Map.class);
        } catch (Exception e) {
            return Map.of();
        }
    }
}
