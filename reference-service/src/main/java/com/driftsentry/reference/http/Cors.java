package com.driftsentry.reference.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;

/**
 * CORS with an explicit allow-list: an allowed origin gets its own origin echoed back, any other
 * origin gets no CORS headers (the browser then refuses), and its preflight a 403.
 */
public final class Cors {
    private static final String ALLOWED_HEADERS = "Content-Type, X-API-Key, Idempotency-Key, X-Request-Id";
    private static final String ALLOWED_METHODS = "GET, POST, DELETE, OPTIONS";

    private final List<String> origins;

    public Cors(List<String> origins) {
        this.origins = List.copyOf(origins);
    }

    /** Returns true when the request was a preflight that has been answered. */
    public boolean apply(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return false;
        }
        ctx.header("Vary", "Origin");
        boolean allowed = origins.contains(origin);
        if (allowed) {
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Access-Control-Expose-Headers", "X-Request-Id, X-Cache, Retry-After");
        }
        if (ctx.method() == HandlerType.OPTIONS && ctx.header("Access-Control-Request-Method") != null) {
            if (!allowed) {
                throw ApiProblem.forbidden("Origin " + origin + " is not allowed");
            }
            ctx.header("Access-Control-Allow-Methods", ALLOWED_METHODS);
            ctx.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            ctx.header("Access-Control-Max-Age", "600");
            ctx.status(204);
            return true;
        }
        return false;
    }
}
