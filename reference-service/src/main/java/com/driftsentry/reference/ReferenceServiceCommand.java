package com.driftsentry.reference;

import com.driftsentry.dashboard.DashboardServer;
import com.driftsentry.dashboard.DashboardSettings;
import com.driftsentry.reference.config.ConfigException;
import com.driftsentry.reference.config.ServiceConfig;
import com.driftsentry.reference.embedded.EmbeddedStores;
import com.driftsentry.reference.seed.KeysFile;
import com.driftsentry.reference.seed.Seeder;
import com.driftsentry.reference.store.Database;
import com.driftsentry.reference.store.Redis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar driftsentry-reference.jar [--embedded] [--port N] [--seed N] [--keys-out FILE]}
 * serves the API until SIGTERM; {@code seed} only seeds a database. Exit 3 on bad input.
 */
@Command(name = "driftsentry-reference", mixinStandardHelpOptions = true, versionProvider = ReferenceServiceCommand.Version.class,
        description = "The DriftSentry API. Settings come from environment variables (see README); options override them.",
        subcommands = ReferenceServiceCommand.Seed.class)
public final class ReferenceServiceCommand implements Callable<Integer> {
    static final int BAD_INPUT = 3;

    @Option(names = "--embedded", description = "Start embedded PostgreSQL and Redis instead of using DATABASE_URL and REDIS_URL.")
    boolean embedded;

    @Option(names = "--port", description = "HTTP port (default: PORT or 3002; 0 picks a free one).")
    Integer port;

    @Option(names = "--seed", paramLabel = "N", description = "Seed a new tenant with an admin key, a reader key and N drifts.")
    Integer seed;

    @Option(names = "--keys-out", paramLabel = "FILE", description = "Write the seeded tenant and keys as JSON here (else print them once).")
    Path keysOut;

    @Option(names = "--dashboard-port", paramLabel = "PORT",
            description = "Also serve the dashboard on this port (0 picks a free one), calling this API; its origin joins the CORS allow-list.")
    Integer dashboardPort;

    @Option(names = "--exit-with", paramLabel = "PID", description = "Stop (cleanly) when this process ends: for tools that start the service and may die.")
    Long exitWith;

    static {
        // With Groovy on the class path (REST Assured brings it), picocli loads Groovy's runtime, about 300 classes and
        // 0.2-0.4 s of every start, to learn whether an option is a Groovy closure. None here is.
        System.setProperty("picocli.disable.closures", "true");
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new ReferenceServiceCommand());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException) {
                cmd.getErr().println("driftsentry-reference: " + e.getMessage());
                return BAD_INPUT;
            }
            // A start-up failure of the environment (port taken, store unreachable): one line, not a stack trace.
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            cmd.getErr().println("driftsentry-reference: could not start: " + e.getMessage()
                    + (root != e ? " (" + root.getMessage() + ")" : ""));
            return 1;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("driftsentry-reference: " + e.getMessage() + " (see --help)");
            return BAD_INPUT;
        });
        int code = cli.execute(args);
        if (code != 0 || cli.getParseResult().isUsageHelpRequested() || cli.getParseResult().isVersionHelpRequested()
                || cli.getParseResult().subcommand() != null) {
            System.exit(code);
        }
        // Serving: the HTTP threads keep the JVM alive until SIGTERM runs the shutdown hook.
    }

    @Override
    public Integer call() throws Exception {
        if (seed != null && seed < 0) {
            throw new ConfigException("--seed " + seed + " is negative (fix: a number of drifts, e.g. --seed 1000)");
        }
        if (port != null && (port < 0 || port > 65_535)) {
            throw new ConfigException("--port " + port + " is not a port (fix: 1 to 65535, or 0 for a free one)");
        }
        requireWritableFolder(keysOut);
        ServiceConfig config = ServiceConfig.fromEnvironment(System.getenv());
        if (port != null) {
            config = config.withPort(port);
        }
        EmbeddedStores stores = null;
        AtomicReference<CompletableFuture<Redis>> redis = new AtomicReference<>();
        if (embedded) {
            try {
                stores = EmbeddedStores.start(url -> redis.set(Redis.connecting(url)));
            } catch (RuntimeException e) {
                Optional.ofNullable(redis.get()).ifPresent(connecting -> connecting.thenAccept(Redis::close));
                throw e;
            }
            config = config.withStores(stores.databaseUrl(), stores.redisUrl());
        }
        int dashboardAt = dashboardPort == null ? -1 : dashboardPort == 0 ? freePort() : dashboardPort;
        if (dashboardAt >= 0) {
            config = config.withCorsOrigin("http://127.0.0.1:" + dashboardAt);
        }
        ReferenceService service;
        try {
            service = redis.get() == null ? ReferenceService.start(config) : ReferenceService.start(config, redis.get());
        } catch (RuntimeException e) {
            if (stores != null) {
                stores.close();
            }
            throw e;
        }
        DashboardServer dashboard = dashboardAt < 0 ? null : DashboardServer.start(DashboardSettings.from(Map.of(
                DashboardSettings.PORT, Integer.toString(dashboardAt), DashboardSettings.API_URL, "http://127.0.0.1:" + service.port(),
                DashboardSettings.FAULT, System.getenv().getOrDefault(DashboardSettings.FAULT, ""), "DRIFTSENTRY_VERSION", config.version())));
        EmbeddedStores started = stores;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (dashboard != null) {
                dashboard.close();
            }
            service.close();
            if (started != null) {
                started.close();
            }
        }, "shutdown"));
        if (exitWith != null) {
            ProcessHandle.of(exitWith).ifPresentOrElse(
                    owner -> owner.onExit().thenRun(() -> System.exit(0)),
                    () -> System.exit(0));
        }
        if (seed != null) {
            Seeder.Seeded seeded = new Seeder(service.database()).seed("seed-" + System.currentTimeMillis(), seed, 42);
            publish(seeded, "http://127.0.0.1:" + service.port(), dashboard == null ? null : dashboard.url(), keysOut);
        }
        return 0;
    }

    /** The keys are written once the service serves: a folder that cannot take them is found before anything starts. */
    static void requireWritableFolder(Path keysOut) {
        if (keysOut == null) {
            return;
        }
        Path folder = keysOut.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder) || !Files.isWritable(folder)) {
            throw new ConfigException("--keys-out " + keysOut + ": the folder " + folder + " does not exist or cannot be written"
                    + " (fix: a file in a folder that exists, e.g. --keys-out target/keys.json)");
        }
    }

    /** A port free now, for the dashboard: its origin must be on the API's allow-list before the API starts. */
    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void publish(Seeder.Seeded seeded, String baseUrl, String dashboardUrl, Path keysOut) throws Exception {
        String json = KeysFile.json(seeded, baseUrl, dashboardUrl);
        if (keysOut != null) {
            KeysFile.write(keysOut, json);
        } else {
            System.out.println(json);
        }
    }

    @Command(name = "seed", mixinStandardHelpOptions = true,
            description = "Create a tenant, an admin key, a reader key and N drifts in DATABASE_URL, and print the keys once.")
    static final class Seed implements Callable<Integer> {
        @Option(names = "--drifts", defaultValue = "1000", description = "How many drifts (default ${DEFAULT-VALUE}).")
        int drifts;

        @Option(names = "--tenant", defaultValue = "load-test", description = "Tenant name (default ${DEFAULT-VALUE}).")
        String tenant;

        @Option(names = "--keys-out", paramLabel = "FILE", description = "Write the keys as JSON here instead of printing them.")
        Path keysOut;

        @Override
        public Integer call() throws Exception {
            if (drifts < 0) {
                throw new ConfigException("--drifts " + drifts + " is negative (fix: e.g. --drifts 1000)");
            }
            requireWritableFolder(keysOut);
            ServiceConfig config = ServiceConfig.fromEnvironment(System.getenv());
            if (config.database() == null) {
                throw new ConfigException(ServiceConfig.DATABASE_URL + " is not set (fix: set it to postgres://user:password@host:5432/database)");
            }
            try (Database database = new Database(config.database(), 2, new SimpleMeterRegistry())) {
                publish(new Seeder(database).seed(tenant, drifts, System.nanoTime()), null, null, keysOut);
            }
            return 0;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"driftsentry-reference " + ServiceConfig.buildVersion()};
        }
    }
}
