package com.driftsentry.reference.auth;

import com.driftsentry.reference.http.ApiProblem;
import com.driftsentry.reference.ratelimit.RateLimiter;
import com.driftsentry.reference.store.Redis;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies {@code X-API-Key}. bcrypt costs tens of milliseconds, so a key verified once is
 * remembered for a short time under the SHA-256 of the key (never the key itself). Revocation
 * evicts it at once on this instance and, through Redis pub/sub, on every other instance; the
 * short lifetime bounds what a lost message could cost.
 */
public final class Authenticator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);
    private static final String REVOCATIONS = "driftsentry:key-revocations";
    private static final int MAX_CACHED = 10_000;

    private record Verified(Principal principal, long expiresAtNanos) {
    }

    private final ApiKeys keys;
    private final RateLimiter limiter;
    private final Redis redis;
    private final long ttlNanos;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final StatefulRedisPubSubConnection<String, String> subscription;

    public Authenticator(ApiKeys keys, RateLimiter limiter, Redis redis, Duration ttl) {
        this.keys = keys;
        this.limiter = limiter;
        this.redis = redis;
        this.ttlNanos = ttl.toNanos();
        this.subscription = redis.client().connectPubSub();
        subscription.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String keyId) {
                evict(UUID.fromString(keyId));
            }
        });
        subscription.sync().subscribe(REVOCATIONS);
    }

    public Principal authenticate(String presented, String clientIp) {
        if (presented == null || presented.isBlank()) {
            throw ApiProblem.unauthorized("Missing X-API-Key header");
        }
        String digest = Sha256.hex(presented);
        Verified hit = verified.get(digest);
        if (hit != null && hit.expiresAtNanos - System.nanoTime() > 0) {
            return hit.principal;
        }
        // Only the slow path can be guessed against, so only it is subject to the lockout.
        limiter.requireNotLockedOut(clientIp);
        Optional<ApiKeys.StoredKey> stored = ApiKeyFormat.prefixOf(presented).flatMap(keys::findByPrefix);
        if (stored.isEmpty() || stored.get().revoked() || !ApiKeys.matches(presented, stored.get())) {
            limiter.consume(RateLimiter.Tier.AUTH_FAILURE, clientIp);
            throw ApiProblem.unauthorized("Invalid or revoked API key");
        }
        ApiKeys.StoredKey key = stored.get();
        Principal principal = new Principal(key.id(), key.tenantId(), key.role(), key.prefix());
        if (verified.size() >= MAX_CACHED) {
            verified.clear();
        }
        verified.put(digest, new Verified(principal, System.nanoTime() + ttlNanos));
        return principal;
    }

    /** Called after a revocation committed: forget the key here and tell the other instances. */
    public void revoked(UUID keyId) {
        evict(keyId);
        try {
            redis.commands().publish(REVOCATIONS, keyId.toString());
        } catch (RuntimeException e) {
            log.warn("could not announce a key revocation to other instances; their caches expire it within the TTL");
        }
    }

    private void evict(UUID keyId) {
        verified.values().removeIf(v -> v.principal.keyId().equals(keyId));
    }

    @Override
    public void close() {
        subscription.close();
    }
}
