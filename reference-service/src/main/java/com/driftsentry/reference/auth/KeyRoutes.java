package com.driftsentry.reference.auth;

import com.driftsentry.reference.audit.AuditLog;
import com.driftsentry.reference.http.ApiProblem;
import com.driftsentry.reference.http.JsonBodies;
import com.driftsentry.reference.http.RequestContext;
import com.driftsentry.reference.store.Transactions;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** {@code /api/v1/keys}: admins create keys (plaintext shown once), list them and revoke them. */
public final class KeyRoutes {
    private static final Set<String> FIELDS = Set.of("name", "role");

    private final Transactions tx;
    private final ApiKeys keys;
    private final AuditLog audit;
    private final Authenticator authenticator;
    private final JsonBodies bodies;

    public KeyRoutes(Transactions tx, ApiKeys keys, AuditLog audit, Authenticator authenticator, JsonBodies bodies) {
        this.tx = tx;
        this.keys = keys;
        this.audit = audit;
        this.authenticator = authenticator;
        this.bodies = bodies;
    }

    public void register(Javalin app) {
        app.post("/api/v1/keys", this::create);
        app.get("/api/v1/keys", ctx -> {
            Principal who = Principal.of(ctx);
            who.requireAdmin();
            ctx.json(Map.of("items", keys.list(who.tenantId())));
        });
        app.delete("/api/v1/keys/{id}", this::revoke);
    }

    private void create(Context ctx) {
        Principal who = Principal.of(ctx);
        who.requireAdmin();
        JsonNode body = bodies.read(ctx);
        if (!body.isObject()) {
            throw ApiProblem.badRequest("The body must be a JSON object with name and role");
        }
        body.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw ApiProblem.badRequest("Unknown field '" + (f.length() > 40 ? f.substring(0, 40) : f) + "'; expected name, role");
            }
        });
        String name = body.path("name").isTextual() ? body.get("name").textValue() : null;
        if (name == null || name.isBlank() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiProblem.badRequest("name is required: 1 to 100 characters without control characters");
        }
        String roleText = body.path("role").asText("");
        Role role = switch (roleText) {
            case "admin" -> Role.ADMIN;
            case "reader" -> Role.READER;
            default -> throw ApiProblem.badRequest("role must be admin or reader");
        };
        ApiKeys.CreatedKey created = tx.inTransaction(c -> {
            ApiKeys.CreatedKey k = keys.create(c, who.tenantId(), role, name);
            audit.record(c, who.tenantId(), who.keyId(), "key.created", "api_key", k.key().id().toString(),
                    RequestContext.requestId(ctx), Map.of("role", role.wire(), "prefix", k.key().prefix()));
            return k;
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", created.key().id());
        out.put("prefix", created.key().prefix());
        out.put("role", created.key().role());
        out.put("name", created.key().name());
        out.put("createdAt", created.key().createdAt());
        out.put("key", created.plaintext());
        ctx.status(201).json(out);
    }

    private void revoke(Context ctx) {
        Principal who = Principal.of(ctx);
        who.requireAdmin();
        UUID id = JsonBodies.id(ctx, "id", "API key");
        boolean revoked = tx.inTransaction(c -> {
            boolean done = keys.revoke(c, who.tenantId(), id);
            if (done) {
                audit.record(c, who.tenantId(), who.keyId(), "key.revoked", "api_key", id.toString(),
                        RequestContext.requestId(ctx), Map.of());
            }
            return done;
        });
        if (!revoked) {
            throw ApiProblem.notFound("No live API key " + id);
        }
        authenticator.revoked(id);
        ctx.status(204);
    }
}
