package com.driftsentry.reference.dashboard;

import com.driftsentry.reference.store.Redis;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-tenant dashboard summaries in Redis. A write bumps the tenant's version instead of deleting
 * the entry, so a slow reader that computed a summary before the write can only store it under
 * the old version, where nobody looks: invalidation cannot be undone by a race.
 * Redis being away only turns hits into misses.
 */
public final class SummaryCache {
    /** A cached summary, or the version a freshly computed one must be stored under. */
    public record Lookup(Optional<String> json, String version) {
    }

    private static final Logger log = LoggerFactory.getLogger(SummaryCache.class);
    // One round trip: read the version, then the summary stored under it.
    private static final String READ = "local v = redis.call('GET', KEYS[1]) or '0' "
            + "return {v, redis.call('GET', KEYS[2] .. v)}";

    private final Redis redis;
    private final Duration ttl;

    public SummaryCache(Redis redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    public Lookup lookup(UUID tenantId) {
        try {
            List<Object> result = redis.commands().eval(READ, ScriptOutputType.MULTI,
                    versionKey(tenantId), entryPrefix(tenantId));
            String version = (String) result.get(0);
            Object json = result.size() > 1 ? result.get(1) : null;
            return new Lookup(json instanceof String s ? Optional.of(s) : Optional.empty(), version);
        } catch (RuntimeException e) {
            log.warn("summary cache unavailable: {}", e.getClass().getSimpleName());
            return new Lookup(Optional.empty(), null);
        }
    }

    public void store(UUID tenantId, String version, String json) {
        if (version == null) {
            return;
        }
        try {
            redis.commands().set(entryPrefix(tenantId) + version, json, SetArgs.Builder.px(ttl.toMillis()));
        } catch (RuntimeException e) {
            log.warn("summary cache unavailable: {}", e.getClass().getSimpleName());
        }
    }

    public void invalidate(UUID tenantId) {
        try {
            String key = versionKey(tenantId);
            redis.commands().incr(key);
            redis.commands().expire(key, Duration.ofDays(1));
        } catch (RuntimeException e) {
            // The short TTL still bounds how stale a summary can be.
            log.warn("summary cache invalidation failed: {}", e.getClass().getSimpleName());
        }
    }

    private static String versionKey(UUID tenantId) {
        return "summary:version:" + tenantId;
    }

    private static String entryPrefix(UUID tenantId) {
        return "summary:" + tenantId + ":";
    }
}
