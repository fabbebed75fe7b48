package com.driftsentry.reference.http;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/v1/routes}: every method and path this service serves, read from the router
 * itself, so that a contract test can compare the OpenAPI document with what is really served
 * (both ways) instead of with what someone remembered to write down. Any valid key may read it.
 */
public final class RouteIndex {
    // The catch-all OPTIONS route answers CORS preflights for every path; it is not an operation.
    private static final Set<HandlerType> OPERATIONS = Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
            HandlerType.DELETE);

    private RouteIndex() {
    }

    public static void register(Javalin app) {
        app.get("/api/v1/routes", ctx -> ctx.json(Map.of("items", routes(app))));
    }

    private static List<Map<String, String>> routes(Javalin app) {
        return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .map(e -> e.getEndpoint())
                .filter(e -> OPERATIONS.contains(e.getMethod()))
                .sorted(Comparator.comparing((io.javalin.router.Endpoint e) -> e.getPath()).thenComparing(e -> e.getMethod().name()))
                .map(e -> {
                    Map<String, String> route = new LinkedHashMap<>();
                    route.put("method", e.getMethod().name());
                    route.put("path", e.getPath());
                    return route;
                })
                .toList();
    }
}
