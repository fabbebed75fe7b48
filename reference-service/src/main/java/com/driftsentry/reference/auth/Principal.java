package com.driftsentry.reference.auth;

import com.driftsentry.reference.http.ApiProblem;
import io.javalin.http.Context;
import java.util.UUID;

/** The verified caller of a request: which key, of which tenant, with which role. */
public record Principal(UUID keyId, UUID tenantId, Role role, String prefix) {
    private static final String ATTRIBUTE = "principal";

    public void attachTo(Context ctx) {
        ctx.attribute(ATTRIBUTE, this);
    }

    /** The caller of an {@code /api} request; the authentication filter has always set it. */
    public static Principal of(Context ctx) {
        Principal p = ctx.attribute(ATTRIBUTE);
        if (p == null) {
            throw ApiProblem.unauthorized("Missing X-API-Key header");
        }
        return p;
    }

    public void requireAdmin() {
        if (role != Role.ADMIN) {
            throw ApiProblem.forbidden("This API key has the reader role; the operation needs an admin key");
        }
    }
}
