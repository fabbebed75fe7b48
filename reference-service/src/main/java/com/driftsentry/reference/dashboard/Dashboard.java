package com.driftsentry.reference.dashboard;

import com.driftsentry.reference.drift.DriftStatus;
import com.driftsentry.reference.drift.Severity;
import com.driftsentry.reference.store.Transactions;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.UUID;

/** The per-tenant summary: counts by severity and status and the monthly cost delta, cached. */
public final class Dashboard {
    /** The summary as JSON text, and whether it came from the cache. */
    public record Summary(String json, boolean hit) {
    }

    private final Transactions tx;
    private final SummaryCache cache;
    private final ObjectMapper mapper;
    private final Counter hits;
    private final Counter misses;

    public Dashboard(Transactions tx, SummaryCache cache, ObjectMapper mapper, MeterRegistry metrics) {
        this.tx = tx;
        this.cache = cache;
        this.mapper = mapper;
        this.hits = cacheCounter(metrics, "hit");
        this.misses = cacheCounter(metrics, "miss");
    }

    public Summary summary(UUID tenantId) {
        SummaryCache.Lookup lookup = cache.lookup(tenantId);
        if (lookup.json().isPresent()) {
            hits.increment();
            return new Summary(lookup.json().get(), true);
        }
        misses.increment();
        String json = compute(tenantId).toString();
        cache.store(tenantId, lookup.version(), json);
        return new Summary(json, false);
    }

    private ObjectNode compute(UUID tenantId) {
        ObjectNode summary = mapper.createObjectNode();
        ObjectNode bySeverity = mapper.createObjectNode();
        ObjectNode byStatus = mapper.createObjectNode();
        for (Severity s : Severity.values()) {
            bySeverity.put(s.wire(), 0);
        }
        for (DriftStatus s : DriftStatus.values()) {
            byStatus.put(s.wire(), 0);
        }
        BigDecimal[] cost = {BigDecimal.ZERO, BigDecimal.ZERO};
        long total = tx.read(c -> {
            long count = 0;
            try (PreparedStatement ps = c.prepareStatement("select severity, status, count(*), coalesce(sum(monthly_cost_delta_usd), 0) "
                    + "from drifts where tenant_id = ? group by severity, status")) {
                ps.setObject(1, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long n = rs.getLong(3);
                        count += n;
                        bySeverity.put(rs.getString(1), bySeverity.get(rs.getString(1)).asLong() + n);
                        byStatus.put(rs.getString(2), byStatus.get(rs.getString(2)).asLong() + n);
                        cost[0] = cost[0].add(rs.getBigDecimal(4));
                        if (!DriftStatus.parse("status", rs.getString(2)).isResolved()) {
                            cost[1] = cost[1].add(rs.getBigDecimal(4));
                        }
                    }
                }
            }
            return count;
        });
        summary.put("tenantId", tenantId.toString());
        summary.put("total", total);
        summary.set("bySeverity", bySeverity);
        summary.set("byStatus", byStatus);
        ObjectNode costs = summary.putObject("monthlyCostDeltaUsd");
        costs.put("total", cost[0]);
        costs.put("unresolved", cost[1]);
        summary.put("generatedAt", Instant.now().toString());
        return summary;
    }

    private static Counter cacheCounter(MeterRegistry metrics, String result) {
        return Counter.builder("driftsentry.cache.requests").description("Dashboard summary cache lookups")
                .tag("cache", "dashboard_summary").tag("result", result).register(metrics);
    }
}
