package com.driftsentry.reference.dashboard;

import com.driftsentry.reference.auth.Principal;
import io.javalin.Javalin;

/** {@code GET /api/v1/dashboard/summary}, with {@code X-Cache: HIT|MISS}. */
public final class DashboardRoutes {
    private final Dashboard dashboard;

    public DashboardRoutes(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    public void register(Javalin app) {
        app.get("/api/v1/dashboard/summary", ctx -> {
            Dashboard.Summary summary = dashboard.summary(Principal.of(ctx).tenantId());
            ctx.header("X-Cache", summary.hit() ? "HIT" : "MISS");
            ctx.contentType("application/json").result(summary.json());
        });
    }
}
