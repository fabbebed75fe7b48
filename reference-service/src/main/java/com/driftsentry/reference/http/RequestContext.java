package com.driftsentry.reference.http;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What every request carries from first to last handler: a request id (the caller's when it is
 * safe to echo, else a new one), one access-log line and one timer sample per route and status.
 */
public final class RequestContext {
    public static final String HEADER = "X-Request-Id";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String ID = "requestId";
    private static final String STARTED = "startedNanos";
    private static final Logger access = LoggerFactory.getLogger("access");

    private final MeterRegistry metrics;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public RequestContext(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    public void begin(Context ctx) {
        String offered = ctx.header(HEADER);
        String id = offered != null && SAFE_ID.matcher(offered).matches() ? offered : newId();
        ctx.attribute(ID, id);
        ctx.attribute(STARTED, System.nanoTime());
        ctx.header(HEADER, id);
        MDC.put(ID, id);
    }

    public void end(Context ctx) {
        try {
            Long started = ctx.attribute(STARTED);
            long nanos = started == null ? 0 : System.nanoTime() - started;
            String route = routeOf(ctx);
            int status = ctx.statusCode();
            timer(ctx.method().name(), route, status).record(nanos, TimeUnit.NANOSECONDS);
            access.atInfo()
                    .addKeyValue("method", ctx.method().name())
                    .addKeyValue("route", route)
                    .addKeyValue("status", status)
                    .addKeyValue("durationMs", nanos / 1_000_000.0)
                    .log("request");
        } finally {
            MDC.remove(ID);
        }
    }

    private Timer timer(String method, String route, int status) {
        return timers.computeIfAbsent(method + ' ' + route + ' ' + status, k -> Timer.builder("http.server.requests")
                .description("HTTP requests by route and status")
                .tag("method", method)
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .serviceLevelObjectives(ms(5), ms(10), ms(25), ms(50), ms(100), ms(250), ms(500), ms(1000), ms(2000))
                .register(metrics));
    }

    /** Request ids need to be unique, not unguessable: UUID.randomUUID's SecureRandom is a lock every thread queues on. */
    private static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    public static String requestId(Context ctx) {
        String id = ctx.attribute(ID);
        return id == null ? "none" : id;
    }

    private static String routeOf(Context ctx) {
        try {
            String path = ctx.endpointHandlerPath();
            // Javalin reports an unmatched request with a sentence, not a path.
            return path == null || !path.startsWith("/") || path.contains(" ") ? "unmatched" : path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
