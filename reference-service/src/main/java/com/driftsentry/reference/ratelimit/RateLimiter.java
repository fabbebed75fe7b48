package com.driftsentry.reference.ratelimit;

import com.driftsentry.reference.config.RateLimit;
import com.driftsentry.reference.http.ApiProblem;
import com.driftsentry.reference.store.Redis;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three token-bucket tiers kept in Redis, so every instance of the service agrees: per client IP,
 * per API key, and a strict one for failed authentications per IP (credential stuffing).
 * When Redis is unreachable the limiter lets requests through and counts that it did: losing
 * the limiter must not take the API down with it.
 */
public final class RateLimiter {
    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final int MAX_LOCAL_BUCKETS = 50_000;

    public enum Tier { IP, KEY, AUTH_FAILURE }

    private final ProxyManager<String> buckets;
    private final Map<Tier, BucketConfiguration> configs;
    private final Map<String, BucketProxy> local = new ConcurrentHashMap<>();
    private final MeterRegistry metrics;
    private final Counter degraded;

    public RateLimiter(Redis redis, RateLimit perIp, RateLimit perKey, RateLimit authFailures, MeterRegistry metrics) {
        this.buckets = Bucket4jLettuce.casBasedBuilder(redis.byteConnection())
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .requestTimeout(Duration.ofSeconds(1))
                .build();
        this.configs = Map.of(
                Tier.IP, greedy(perIp),
                Tier.KEY, greedy(perKey),
                // Failures refill all at once at the end of the window: a locked-out IP stays locked out.
                Tier.AUTH_FAILURE, BucketConfiguration.builder().addLimit(Bandwidth.builder()
                        .capacity(authFailures.capacity()).refillIntervally(authFailures.capacity(), authFailures.period()).build()).build());
        this.metrics = metrics;
        this.degraded = Counter.builder("driftsentry.ratelimit.degraded").description("Checks skipped because Redis was unreachable").register(metrics);
    }

    /** Takes one token for this caller in this tier, or throws a 429 with Retry-After. */
    public void consume(Tier tier, String caller) {
        ConsumptionProbe probe = probe(tier, caller, b -> b.tryConsumeAndReturnRemaining(1));
        if (probe != null && !probe.isConsumed()) {
            throw tooMany(tier, probe.getNanosToWaitForRefill());
        }
    }

    /** Throws a 429 when this IP has used up its failed authentications, without taking a token. */
    public void requireNotLockedOut(String ip) {
        EstimationProbe probe = probe(Tier.AUTH_FAILURE, ip, b -> b.estimateAbilityToConsume(1));
        if (probe != null && !probe.canBeConsumed()) {
            throw tooMany(Tier.AUTH_FAILURE, probe.getNanosToWaitForRefill());
        }
    }

    private <T> T probe(Tier tier, String caller, Function<BucketProxy, T> action) {
        try {
            return action.apply(bucket(tier, caller));
        } catch (RuntimeException e) {
            degraded.increment();
            log.warn("rate limiter unavailable, letting the request through: {}", e.getClass().getSimpleName());
            return null;
        }
    }

    private BucketProxy bucket(Tier tier, String caller) {
        String key = "ratelimit:" + tier.name().toLowerCase() + ":" + caller;
        if (local.size() > MAX_LOCAL_BUCKETS) {
            local.clear();
        }
        return local.computeIfAbsent(key, k -> buckets.builder()
                .withOptimization(optimizationFor(tier))
                .build(k, () -> configs.get(tier)));
    }

    /**
     * Going to Redis on every request costs two round trips per tier (compare-and-swap). For the
     * request tiers each instance may spend up to 1% of a bucket's capacity locally before it
     * synchronises (and at least every 100 ms), which bounds the overshoot at 1% per instance; a
     * bucket smaller than 100 tokens stays exact. Failed authentications are always exact.
     */
    private Optimization optimizationFor(Tier tier) {
        if (tier == Tier.AUTH_FAILURE) {
            return Optimizations.batching();
        }
        long capacity = configs.get(tier).getBandwidths()[0].getCapacity();
        return capacity < 100 ? Optimizations.batching()
                : Optimizations.delaying(new DelayParameters(capacity / 100, Duration.ofMillis(100)));
    }

    private ApiProblem tooMany(Tier tier, long nanosToWait) {
        long seconds = Math.max(1, (long) Math.ceil(nanosToWait / 1e9));
        metrics.counter("driftsentry.ratelimit.rejected", "tier", tier.name().toLowerCase()).increment();
        String detail = switch (tier) {
            case IP -> "Too many requests from this address";
            case KEY -> "Too many requests with this API key";
            case AUTH_FAILURE -> "Too many failed authentications from this address";
        };
        return new ApiProblem(429, "Too Many Requests", detail + "; retry after " + seconds + " s",
                Map.of("Retry-After", Long.toString(seconds)));
    }

    private static BucketConfiguration greedy(RateLimit limit) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()).build())
                .build();
    }
}
