package com.driftsentry.gate.load;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;

import com.driftsentry.gate.environment.Threshold;
import io.gatling.javaapi.core.Assertion;
import java.util.ArrayList;
import java.util.List;

/**
 * The environment's thresholds as Gatling assertions, so that Gatling's own report shows the same
 * bounds. Metrics Gatling cannot see (cache hit ratio, server-error share, regressions) are judged
 * by the gate alone.
 */
public final class GatlingAssertions {
    private GatlingAssertions() {
    }

    public static List<Assertion> from(List<Threshold> thresholds) {
        List<Assertion> out = new ArrayList<>();
        for (Threshold t : thresholds) {
            if (t.bound() == Threshold.Bound.MAX_REGRESSION) {
                continue;
            }
            var path = "global".equals(t.scope()) ? global() : details(t.scope());
            switch (t.metric()) {
                case P50, P75, P90, P95, P99, P999 ->
                        out.add(path.responseTime().percentile(t.metric().percentile()).lte((int) Math.floor(t.value())));
                case ERROR_RATE -> out.add(path.failedRequests().percent().lte(t.value() * 100));
                case REQUESTS -> out.add(path.allRequests().count().gte((long) t.value()));
                case THROUGHPUT -> out.add(path.requestsPerSec().gte(t.value()));
                default -> {
                    // serverErrorRate and cacheHitRatio: the gate's own evidence only
                }
            }
        }
        return out;
    }
}
