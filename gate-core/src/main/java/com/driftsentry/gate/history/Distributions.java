package com.driftsentry.gate.history;

import com.driftsentry.gate.evidence.Evidence;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Each recorded histogram of a history turned into a {@link Distribution} once, and a run's scope
 * ("global": every group pooled) or a group's control (the run's other groups) pooled from them:
 * a full HdrHistogram is large to iterate and to merge, and a report looks at each run many times.
 */
final class Distributions {
    private final Map<Histogram, Distribution> seen = new IdentityHashMap<>();

    Distribution scope(Evidence run, String scope) {
        return pooled(run, scope, true);
    }

    /** The run's requests outside {@code scope}. */
    Distribution control(Evidence run, String scope) {
        return pooled(run, scope, false);
    }

    private Distribution pooled(Evidence run, String scope, boolean inside) {
        List<Distribution> parts = new ArrayList<>();
        run.groups().forEach((name, g) -> {
            if ((scope.equals("global") || name.equals(scope)) == inside) {
                parts.add(seen.computeIfAbsent(g.histogram(), Distribution::of));
            }
        });
        return Distribution.pool(parts, -1);
    }
}
