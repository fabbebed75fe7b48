package com.driftsentry.reference;

import com.driftsentry.reference.audit.AuditLog;
import com.driftsentry.reference.audit.AuditRoutes;
import com.driftsentry.reference.auth.ApiKeys;
import com.driftsentry.reference.auth.Authenticator;
import com.driftsentry.reference.auth.KeyRoutes;
import com.driftsentry.reference.auth.Principal;
import com.driftsentry.reference.config.ServiceConfig;
import com.driftsentry.reference.dashboard.Dashboard;
import com.driftsentry.reference.dashboard.DashboardRoutes;
import com.driftsentry.reference.dashboard.SummaryCache;
import com.driftsentry.reference.drift.DriftRepository;
import com.driftsentry.reference.drift.DriftRoutes;
import com.driftsentry.reference.drift.Drifts;
import com.driftsentry.reference.drift.IdempotencyKeys;
import com.driftsentry.reference.fault.FaultInjector;
import com.driftsentry.reference.health.HealthRoutes;
import com.driftsentry.reference.http.Cors;
import com.driftsentry.reference.http.Draining;
import com.driftsentry.reference.http.InFlight;
import com.driftsentry.reference.http.Json;
import com.driftsentry.reference.http.JsonBodies;
import com.driftsentry.reference.http.Problems;
import com.driftsentry.reference.http.RequestContext;
import com.driftsentry.reference.http.RouteIndex;
import com.driftsentry.reference.http.SecurityHeaders;
import com.driftsentry.reference.http.ServerErrors;
import com.driftsentry.reference.metrics.ResidentMemory;
import com.driftsentry.reference.ratelimit.RateLimiter;
import com.driftsentry.reference.store.Database;
import com.driftsentry.reference.store.Redis;
import com.driftsentry.reference.store.StoreException;
import com.driftsentry.reference.store.Transactions;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import org.eclipse.jetty.server.ServerConnector;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DriftSentry API wired together: stores, the request pipeline (request id, security
 * headers, CORS, faults, per-IP limit, authentication, per-key limit) and the routes.
 * {@link #close()} drains in-flight requests before it stops anything.
 */
public final class ReferenceService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReferenceService.class);

    private final ServiceConfig config;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Database database;
    private final Redis redis;
    private final Authenticator authenticator;
    private final RequestContext requests = new RequestContext(metrics);
    private final Draining draining = new Draining();
    private final FaultInjector faults;
    private final InFlight inFlight = new InFlight();
    private final Javalin app;

    private ReferenceService(ServiceConfig config, CompletableFuture<Redis> redisStarting) {
        try {
            this.config = config.requireStores();
        } catch (RuntimeException e) {
            redisStarting.thenAccept(Redis::close);
            throw e;
        }
        ObjectMapper mapper = Json.mapper();
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new ResidentMemory().bindTo(metrics);
        io.micrometer.core.instrument.Gauge.builder("http.server.requests.in.flight", inFlight, InFlight::count)
                .description("requests begun and not yet answered (what a graceful stop waits for)").register(metrics);
        // Redis' client (Netty, Lettuce) is already connecting while the database's pool and migrations start: each is
        // mostly class loading and a handshake of its own, and a release's start is on the path of every deploy and load gate.
        try {
            this.database = new Database(config.database(), config.dbPoolSize(), metrics);
        } catch (RuntimeException e) {
            redisStarting.thenAccept(Redis::close);
            throw e;
        }
        try {
            this.redis = redisStarting.join();
        } catch (CompletionException e) {
            database.close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        Transactions tx = new Transactions(database.dataSource());
        RateLimiter limiter = new RateLimiter(redis, config.ipLimit(), config.keyLimit(), config.authFailureLimit(), metrics);
        ApiKeys keys = new ApiKeys(tx);
        this.authenticator = new Authenticator(keys, limiter, redis, config.authCacheTtl());
        AuditLog audit = new AuditLog(tx, mapper);
        SummaryCache summaries = new SummaryCache(redis, config.summaryCacheTtl());
        JsonBodies bodies = new JsonBodies(mapper, config.maxBodyBytes());
        this.faults = new FaultInjector(config.faults());
        SecurityHeaders headers = new SecurityHeaders(config.faults().droppedHeaders());
        Cors cors = new Cors(config.corsOrigins());
        Problems problems = new Problems(mapper);

        this.app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.startupWatcherEnabled = false;
            c.http.disableCompression();
            c.http.prefer405over404 = true;
            c.http.maxRequestSize = config.maxBodyBytes();
            c.jsonMapper(new JavalinJackson(mapper, false));
            c.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
            c.jetty.modifyServer(server -> server.setErrorHandler(new ServerErrors(problems)));
        });
        app.before(ctx -> {
            requests.begin(ctx);
            headers.apply(ctx);
            if (draining.isDraining()) {
                ctx.header("Connection", "close");
            }
            if (cors.apply(ctx)) {
                ctx.attribute("preflight", true);
                return;
            }
            faults.apply(ctx);
        });
        app.before("/api/*", ctx -> {
            if (ctx.attribute("preflight") != null) {
                return;
            }
            String ip = clientIp(ctx);
            limiter.consume(RateLimiter.Tier.IP, ip);
            Principal who = authenticator.authenticate(ctx.header("X-API-Key"), ip);
            who.attachTo(ctx);
            limiter.consume(RateLimiter.Tier.KEY, who.keyId().toString());
        });
        app.options("/*", ctx -> {
            if (ctx.attribute("preflight") == null) {
                ctx.status(204).header("Allow", "GET, POST, DELETE, OPTIONS");
            }
        });
        app.after(requests::end);
        problems.register(app);
        app.exception(StoreException.class, (e, ctx) -> {
            log.error("database error on {} {}: sqlstate {}", ctx.method(), ctx.path(), e.sqlState());
            problems.write(ctx, 503, "Service Unavailable", "The database is unavailable; retry shortly.");
        });
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        new HealthRoutes(config.version(), database, redis, config.faults().neverReady(), draining::isDraining).register(app);
        new DriftRoutes(new Drifts(tx, new DriftRepository(mapper), new IdempotencyKeys(), audit, summaries), bodies).register(app);
        new DashboardRoutes(new Dashboard(tx, summaries, mapper, metrics)).register(app);
        new KeyRoutes(tx, keys, audit, authenticator, bodies).register(app);
        new AuditRoutes(audit).register(app);
        RouteIndex.register(app);
    }

    /** Connects to the stores, migrates the schema, and starts serving on the configured port (0 picks a free one). */
    public static ReferenceService start(ServiceConfig config) {
        return start(config, Redis.connecting(config.redisUrl()));
    }

    /**
     * As {@link #start(ServiceConfig)}, with Redis' client already connecting to {@code config}'s Redis (the embedded
     * default begins it while PostgreSQL starts); a start that fails closes it.
     */
    public static ReferenceService start(ServiceConfig config, CompletableFuture<Redis> redisConnecting) {
        ReferenceService service = new ReferenceService(config, redisConnecting);
        service.app.start(config.bindAddress(), config.port());
        service.inFlight.watch(service.app.jettyServer().server());
        service.faults.armCrash();
        log.atInfo().addKeyValue("address", config.bindAddress()).addKeyValue("port", service.port()).addKeyValue("version", config.version())
                .addKeyValue("database", config.database().toString()).addKeyValue("redis", redisHost(config.redisUrl()))
                .addKeyValue("faults", config.faults().any() ? config.faults().toString() : "none")
                .log("DriftSentry reference service started");
        return service;
    }

    public int port() {
        return app.port();
    }

    /** The address the service listens on (loopback unless DRIFTSENTRY_BIND_ADDRESS opens it). */
    public String host() {
        return ((ServerConnector) app.jettyServer().server().getConnectors()[0]).getHost();
    }

    public Database database() {
        return database;
    }

    private String clientIp(Context ctx) {
        return config.clientAddress().of(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
    }

    private static String redisHost(String url) {
        URI uri = URI.create(url);
        return uri.getHost() + ":" + uri.getPort();
    }

    @Override
    public void close() {
        draining.drain(app.jettyServer().server(), inFlight::count, config.shutdownTimeout());
        app.stop();
        authenticator.close();
        redis.close();
        database.close();
        metrics.close();
        log.info("DriftSentry reference service stopped");
    }
}
