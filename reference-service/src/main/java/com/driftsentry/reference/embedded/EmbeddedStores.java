package com.driftsentry.reference.embedded;

import com.driftsentry.reference.config.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * PostgreSQL and Redis as child processes of this JVM, on free loopback ports, for the embedded
 * default. {@link #close()} stops both; a {@link Reaper} stops them too if this JVM dies without
 * running its shutdown hooks, so no postgres or redis outlives the service.
 */
public final class EmbeddedStores implements AutoCloseable {
    // A database the load grows by some MB, its WAL and PostgreSQL's own shared memory segments, with room to spare.
    private static final long MIN_SHARED_MEMORY_BYTES = 1L << 30;

    private final Path dataDir;
    private final EmbeddedPostgres postgres;
    private final RedisServer redis;
    private final int redisPort;
    private final Reaper reaper;

    private EmbeddedStores(Path dataDir, EmbeddedPostgres postgres, RedisServer redis, int redisPort, Reaper reaper) {
        this.dataDir = dataDir;
        this.postgres = postgres;
        this.redis = redis;
        this.redisPort = redisPort;
        this.reaper = reaper;
    }

    public static EmbeddedStores start() {
        return start(url -> { });
    }

    /**
     * Starts Redis, tells {@code redisServing} its URL, then starts PostgreSQL: what the caller begins with Redis (its
     * client's connection) goes on while PostgreSQL starts, when this JVM would otherwise wait on {@code pg_ctl}.
     */
    public static EmbeddedStores start(Consumer<String> redisServing) {
        return start(PostgresTemplate.inTemporaryFolder(), redisServing);
    }

    static EmbeddedStores start(PostgresTemplate template) {
        return start(template, url -> { });
    }

    static EmbeddedStores start(PostgresTemplate template, Consumer<String> redisServing) {
        RedisServer redis = null;
        Reaper reaper = null;
        try {
            Path dataDir = Files.createTempDirectory(dataDirParent(), "driftsentry-pg-");
            reaper = Reaper.watch(dataDir);
            int redisPort = freePort();
            redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").onShutdownForceStop(false).build();
            startRedis(redis, reaper);
            redisServing.accept(redisUrl(redisPort));
            EmbeddedPostgres postgres = startPostgres(dataDir, template);
            return new EmbeddedStores(dataDir, postgres, redis, redisPort, reaper);
        } catch (IOException | RuntimeException e) {
            stopQuietly(redis);
            if (reaper != null) {
                reaper.disarm();
            }
            throw e instanceof IOException io ? new UncheckedIOException("could not start embedded PostgreSQL and Redis", io) : (RuntimeException) e;
        }
    }

    /**
     * Where each start's data directory goes: shared memory when it has room, else the temporary folder. Copying the
     * template creates about 950 files, and on this project's CI machines a file costs about 0.9 ms to create on disk
     * (0.9 s per start, measured) against under 0.1 ms in memory. Containers often give /dev/shm 64 MB: too little.
     */
    static Path dataDirParent() {
        Path shm = Path.of("/dev/shm");
        try {
            if (Files.isDirectory(shm) && Files.isWritable(shm) && Files.getFileStore(shm).getUsableSpace() >= MIN_SHARED_MEMORY_BYTES) {
                return shm;
            }
        } catch (IOException | SecurityException notUsable) {
            // the temporary folder below
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** From the template where it starts; else (no template could be made, or it does not start) from a fresh initdb. */
    private static EmbeddedPostgres startPostgres(Path dataDir, PostgresTemplate template) throws IOException {
        try {
            template.copyInto(dataDir);
            return postgres(dataDir, false);
        } catch (IOException | RuntimeException fromTemplate) {
            LoggerFactory.getLogger(EmbeddedStores.class).warn("the PostgreSQL template did not start (" + fromTemplate + "); discarded, starting from initdb");
            template.discard();
            PostgresTemplate.deleteQuietly(dataDir);
            Files.createDirectories(dataDir);
            return postgres(dataDir, true);
        }
    }

    private static EmbeddedPostgres postgres(Path dataDir, boolean initdb) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(initdb)
                .setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("max_connections", "100")
                .start();
    }

    public DatabaseUrl databaseUrl() {
        return new DatabaseUrl("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", "postgres", "postgres");
    }

    public String redisUrl() {
        return redisUrl(redisPort);
    }

    private static String redisUrl(int port) {
        return "redis://127.0.0.1:" + port;
    }

    public Path postgresDataDir() {
        return dataDir;
    }

    /** Stops Redis (for tests of readiness); {@link #startRedis()} brings it back on the same port. */
    public void stopRedis() throws IOException {
        redis.stop();
    }

    public void startRedis() throws IOException {
        startRedis(redis, reaper);
    }

    private static void startRedis(RedisServer redis, Reaper reaper) throws IOException {
        Set<Long> before = redisChildren().collect(Collectors.toSet());
        redis.start();
        redisChildren().filter(pid -> !before.contains(pid)).findFirst().ifPresent(reaper::redisStarted);
    }

    private static Stream<Long> redisChildren() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> c.contains("redis-server")).orElse(false))
                .map(ProcessHandle::pid);
    }

    @Override
    public void close() {
        stopQuietly(redis);
        closeQuietly(postgres);
        reaper.disarm();
    }

    private static void stopQuietly(RedisServer redis) {
        if (redis != null) {
            try {
                redis.stop();
            } catch (IOException | RuntimeException ignored) {
                // the reaper still kills it by its pid
            }
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException | RuntimeException ignored) {
                // best effort on the way out
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
