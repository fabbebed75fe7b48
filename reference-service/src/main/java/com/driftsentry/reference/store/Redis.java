package com.driftsentry.reference.store;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One multiplexed Lettuce connection for strings and one for the rate limiter's byte state.
 * While Redis is away, commands fail at once instead of queueing, so callers can degrade fast.
 */
public final class Redis implements AutoCloseable {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> strings;
    private final StatefulRedisConnection<String, byte[]> bytes;

    public Redis(String url) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(COMMAND_TIMEOUT);
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        this.strings = client.connect();
        this.bytes = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    }

    /**
     * The client connecting to {@code url} on a thread of its own: Netty and Lettuce are mostly class loading and a
     * handshake, which can go on while the database (or the embedded PostgreSQL) starts. Whoever gives up on the future
     * closes what it brings ({@code thenAccept(Redis::close)}).
     */
    public static CompletableFuture<Redis> connecting(String url) {
        return CompletableFuture.supplyAsync(() -> new Redis(url), task -> new Thread(task, "redis-client-start").start());
    }

    public RedisCommands<String, String> commands() {
        return strings.sync();
    }

    public StatefulRedisConnection<String, byte[]> byteConnection() {
        return bytes;
    }

    public RedisClient client() {
        return client;
    }

    public boolean isReachable() {
        try {
            return "PONG".equals(strings.sync().ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        strings.close();
        bytes.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
