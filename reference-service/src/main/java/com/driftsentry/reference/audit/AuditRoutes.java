package com.driftsentry.reference.audit;

import com.driftsentry.reference.auth.Principal;
import com.driftsentry.reference.http.ApiProblem;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/audit}: the tenant's audit trail, newest first, for admins. */
public final class AuditRoutes {
    private final AuditLog audit;

    public AuditRoutes(AuditLog audit) {
        this.audit = audit;
    }

    public void register(Javalin app) {
        app.get("/api/v1/audit", this::list);
    }

    private void list(Context ctx) {
        Principal who = Principal.of(ctx);
        who.requireAdmin();
        int limit = (int) parse(ctx.queryParam("limit"), 50, 1, 200, "limit must be a whole number from 1 to 200");
        String cursor = ctx.queryParam("cursor");
        Long before = cursor == null || cursor.isEmpty() ? null
                : parse(cursor, 0, 1, Long.MAX_VALUE, "cursor is not a cursor this API returned");
        List<AuditLog.Event> events = audit.list(who.tenantId(), before, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", events);
        body.put("nextCursor", events.size() == limit ? Long.toString(events.get(events.size() - 1).id()) : null);
        ctx.json(body);
    }

    private static long parse(String value, long fallback, long min, long max, String error) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiProblem.badRequest(error);
    }
}
