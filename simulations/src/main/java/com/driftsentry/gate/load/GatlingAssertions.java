package com.driftsentry.gate.load;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;

import com.driftsentry.gate.criteria.Criterion;
import com.driftsentry.gate.criteria.Limit;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.Assertion.WithPath;
import java.util.List;
import java.util.Optional;

/**
 * The gate's criteria as Gatling assertions, so that Gatling's own report shows the same bounds.
 * Each bound is the criterion's own {@link Limit} (latencies already in whole milliseconds); this
 * class only translates it into Gatling's words. Metrics Gatling cannot see (cache hit ratio,
 * server-error share, regressions) are judged by the gate alone.
 */
public final class GatlingAssertions {
    private GatlingAssertions() {
    }

    public static List<Assertion> from(List<Criterion> criteria) {
        return criteria.stream().map(Criterion::limit).flatMap(Optional::stream).map(GatlingAssertions::assertion).toList();
    }

    static Assertion assertion(Limit limit) {
        WithPath path = "global".equals(limit.scope()) ? global() : details(limit.scope());
        return switch (limit.metric()) {
            case P50, P75, P90, P95, P99, P999 -> path.responseTime().percentile(limit.metric().percentile()).lte((int) limit.value());
            case ERROR_RATE -> path.failedRequests().percent().lte(limit.value() * 100);
            case REQUESTS -> path.allRequests().count().gte((long) limit.value());
            case THROUGHPUT -> path.requestsPerSec().gte(limit.value());
            default -> throw new IllegalArgumentException("Gatling has no statistic for " + limit.metric().wire());
        };
    }
}
