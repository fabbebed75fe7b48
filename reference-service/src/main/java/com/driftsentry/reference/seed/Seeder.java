package com.driftsentry.reference.seed;

import com.driftsentry.reference.audit.AuditLog;
import com.driftsentry.reference.auth.ApiKeys;
import com.driftsentry.reference.auth.Role;
import com.driftsentry.reference.drift.DriftStatus;
import com.driftsentry.reference.drift.Severity;
import com.driftsentry.reference.http.Json;
import com.driftsentry.reference.store.Database;
import com.driftsentry.reference.store.Transactions;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Creates one tenant with an admin key, a reader key and N drifts of realistic variety, in one
 * transaction. The result carries the plaintext keys: the only time they exist.
 */
public final class Seeder {
    public record Seeded(UUID tenantId, String tenantName, String adminKey, String readerKey, int drifts) {
        @Override
        public String toString() {
            return "Seeded[tenant=" + tenantId + ", drifts=" + drifts + ", keys=***]";
        }
    }

    private static final String[] TYPES = {"aws_security_group", "aws_s3_bucket", "aws_iam_role", "aws_db_instance",
            "aws_ecs_service", "aws_lambda_function", "aws_instance", "aws_elasticache_cluster"};
    private static final String[] REGIONS = {"us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"};
    private static final int BATCH = 500;

    private final Transactions tx;
    private final ApiKeys keys;
    private final AuditLog audit;

    public Seeder(Database database) {
        this.tx = new Transactions(database.dataSource());
        this.keys = new ApiKeys(tx);
        this.audit = new AuditLog(tx, Json.mapper());
    }

    public Seeded seed(String tenantName, int drifts, long randomSeed) {
        Random random = new Random(randomSeed);
        UUID tenantId = UUID.randomUUID();
        return tx.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into tenants (id, name) values (?, ?)")) {
                ps.setObject(1, tenantId);
                ps.setString(2, tenantName);
                ps.executeUpdate();
            }
            ApiKeys.CreatedKey admin = keys.create(c, tenantId, Role.ADMIN, "seed admin");
            ApiKeys.CreatedKey reader = keys.create(c, tenantId, Role.READER, "seed reader");
            insertDrifts(c, tenantId, drifts, random);
            audit.record(c, tenantId, null, "tenant.seeded", "tenant", tenantId.toString(), null, Map.of("drifts", drifts));
            return new Seeded(tenantId, tenantName, admin.plaintext(), reader.plaintext(), drifts);
        });
    }

    private static void insertDrifts(Connection c, UUID tenantId, int count, Random random) throws SQLException {
        Instant now = Instant.now();
        try (PreparedStatement ps = c.prepareStatement("insert into drifts (id, tenant_id, resource_type, resource_id, region, severity, "
                + "status, expected_state, actual_state, detected_at, resolved_at, monthly_cost_delta_usd) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                String type = TYPES[random.nextInt(TYPES.length)];
                DriftStatus status = status(random.nextInt(100));
                Instant detected = now.minus(Duration.ofSeconds(random.nextInt(30 * 24 * 3600)));
                ps.setObject(1, new UUID(random.nextLong(), random.nextLong()));
                ps.setObject(2, tenantId);
                ps.setString(3, type);
                ps.setString(4, type + "-" + Integer.toHexString(random.nextInt(1 << 24)));
                ps.setString(5, REGIONS[random.nextInt(REGIONS.length)]);
                ps.setString(6, Severity.values()[Math.min(3, (int) Math.floor(Math.abs(random.nextGaussian()) * 1.5))].wire());
                ps.setString(7, status.wire());
                ps.setString(8, "{\"instanceType\":\"t3.micro\",\"encrypted\":true,\"tags\":{\"env\":\"prod\"}}");
                ps.setString(9, "{\"instanceType\":\"t3.large\",\"encrypted\":" + random.nextBoolean() + ",\"tags\":{\"env\":\"prod\"}}");
                ps.setTimestamp(10, Timestamp.from(detected));
                ps.setTimestamp(11, status.isResolved() ? Timestamp.from(detected.plus(Duration.ofHours(1 + random.nextInt(48)))) : null);
                ps.setBigDecimal(12, BigDecimal.valueOf(random.nextInt(50_000) - 5_000, 2));
                ps.addBatch();
                if ((i + 1) % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private static DriftStatus status(int percentile) {
        if (percentile < 60) {
            return DriftStatus.OPEN;
        }
        if (percentile < 80) {
            return DriftStatus.ACKNOWLEDGED;
        }
        return percentile < 95 ? DriftStatus.REMEDIATED : DriftStatus.IGNORED;
    }
}
