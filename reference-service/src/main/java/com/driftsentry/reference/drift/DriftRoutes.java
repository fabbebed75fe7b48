package com.driftsentry.reference.drift;

import com.driftsentry.reference.auth.Principal;
import com.driftsentry.reference.auth.Sha256;
import com.driftsentry.reference.http.ApiProblem;
import com.driftsentry.reference.http.JsonBodies;
import com.driftsentry.reference.http.RequestContext;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code /api/v1/drifts}: list, get, report, and the acknowledge / remediate / ignore transitions. */
public final class DriftRoutes {
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    private final Drifts drifts;
    private final JsonBodies bodies;

    public DriftRoutes(Drifts drifts, JsonBodies bodies) {
        this.drifts = drifts;
        this.bodies = bodies;
    }

    public void register(Javalin app) {
        app.get("/api/v1/drifts", this::list);
        app.post("/api/v1/drifts", this::report);
        app.get("/api/v1/drifts/{id}", ctx -> ctx.json(drifts.get(Principal.of(ctx), JsonBodies.id(ctx, "id", "drift"))));
        for (DriftStatus.Transition t : DriftStatus.Transition.values()) {
            app.post("/api/v1/drifts/{id}/" + t.wire(), ctx -> transition(ctx, t));
        }
    }

    private void list(Context ctx) {
        String severity = ctx.queryParam("severity");
        String status = ctx.queryParam("status");
        Page page = Page.from(ctx);
        List<Drift> items = drifts.list(Principal.of(ctx),
                severity == null ? null : Severity.parse("severity", severity),
                status == null ? null : DriftStatus.parse("status", status), page);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("nextCursor", items.size() == page.limit() ? Page.cursorAfter(items.get(items.size() - 1)) : null);
        ctx.json(body);
    }

    private void report(Context ctx) {
        Principal who = Principal.of(ctx);
        who.requireAdmin();
        String key = ctx.header("Idempotency-Key");
        if (key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw ApiProblem.badRequest("Idempotency-Key must be 1 to 255 printable ASCII characters");
        }
        JsonNode body = bodies.read(ctx);
        DriftInput input = DriftInput.from(body);
        Drifts.Created created = drifts.report(who, input, key, Sha256.hex(body.toString()), RequestContext.requestId(ctx));
        if (created.replayed()) {
            ctx.header("Idempotent-Replayed", "true");
        }
        ctx.header("Location", "/api/v1/drifts/" + created.drift().id());
        ctx.status(201).json(created.drift());
    }

    private void transition(Context ctx, DriftStatus.Transition transition) {
        Principal who = Principal.of(ctx);
        who.requireAdmin();
        ctx.json(drifts.transition(who, JsonBodies.id(ctx, "id", "drift"), transition, RequestContext.requestId(ctx)));
    }
}
