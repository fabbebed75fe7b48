package com.driftsentry.reference.drift;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Drifts in PostgreSQL. Every query names the tenant: no row is reachable across tenants. */
public final class DriftRepository {
    private static final String COLUMNS = "id, resource_type, resource_id, region, severity, status, expected_state::text, "
            + "actual_state::text, detected_at, resolved_at, monthly_cost_delta_usd";

    private final ObjectMapper mapper;

    public DriftRepository(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Drift insert(Connection c, UUID tenantId, DriftInput in) throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement ps = c.prepareStatement("insert into drifts (id, tenant_id, resource_type, resource_id, region, severity, "
                + "status, expected_state, actual_state, detected_at, monthly_cost_delta_usd) "
                + "values (?, ?, ?, ?, ?, ?, 'open', ?::jsonb, ?::jsonb, ?, ?) returning " + COLUMNS)) {
            ps.setObject(1, id);
            ps.setObject(2, tenantId);
            ps.setString(3, in.resourceType());
            ps.setString(4, in.resourceId());
            ps.setString(5, in.region());
            ps.setString(6, in.severity().wire());
            ps.setString(7, in.expectedState().toString());
            ps.setString(8, in.actualState().toString());
            ps.setTimestamp(9, Timestamp.from(in.detectedAt()));
            ps.setBigDecimal(10, in.monthlyCostDeltaUsd());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return map(rs);
            }
        }
    }

    public Optional<Drift> find(Connection c, UUID tenantId, UUID id, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from drifts where tenant_id = ? and id = ?"
                + (forUpdate ? " for update" : ""))) {
            ps.setObject(1, tenantId);
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    public List<Drift> list(Connection c, UUID tenantId, Severity severity, DriftStatus status, Page page) throws SQLException {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from drifts where tenant_id = ?");
        List<Object> args = new ArrayList<>(List.of(tenantId));
        if (severity != null) {
            sql.append(" and severity = ?");
            args.add(severity.wire());
        }
        if (status != null) {
            sql.append(" and status = ?");
            args.add(status.wire());
        }
        if (page.hasCursor()) {
            sql.append(" and (detected_at, id) < (?, ?)");
            args.add(Timestamp.from(page.afterDetectedAt()));
            args.add(page.afterId());
        }
        sql.append(" order by detected_at desc, id desc limit ?");
        args.add(page.limit());
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<Drift> drifts = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    drifts.add(map(rs));
                }
            }
            return drifts;
        }
    }

    public Drift changeStatus(Connection c, UUID tenantId, UUID id, DriftStatus target) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update drifts set status = ?, resolved_at = "
                + (target.isResolved() ? "now()" : "null") + " where tenant_id = ? and id = ? returning " + COLUMNS)) {
            ps.setString(1, target.wire());
            ps.setObject(2, tenantId);
            ps.setObject(3, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return map(rs);
            }
        }
    }

    private Drift map(ResultSet rs) throws SQLException {
        try {
            Timestamp resolved = rs.getTimestamp(10);
            return new Drift(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), mapper.readTree(rs.getString(7)), mapper.readTree(rs.getString(8)),
                    rs.getTimestamp(9).toInstant(), resolved == null ? null : resolved.toInstant(), rs.getBigDecimal(11));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
