package com.driftsentry.gate.history;

import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.evidence.GroupEvidence;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The numbers a trend chart draws for one scope, one value per run (NaN where a run has no requests there). */
record RunSeries(String scope, double[] p50, double[] p95, double[] p99, double[] throughput, double[] errorRate, double[] cacheHitRatio) {
    static RunSeries of(List<ChangeRule.Run> runs, String scope, Distributions cache) {
        int n = runs.size();
        RunSeries s = new RunSeries(scope, new double[n], new double[n], new double[n], new double[n], new double[n], new double[n]);
        for (int i = 0; i < n; i++) {
            Evidence e = runs.get(i).evidence();
            Distribution d = cache.scope(e, scope);
            boolean none = d.total == 0;
            s.p50[i] = none ? Double.NaN : d.percentile(50);
            s.p95[i] = none ? Double.NaN : d.percentile(95);
            s.p99[i] = none ? Double.NaN : d.percentile(99);
            Instant start = null;
            Instant end = null;
            long unexpected = 0;
            for (GroupEvidence g : e.groups().values()) {
                if ((scope.equals("global") || g.group().equals(scope)) && g.windowStart() != null && g.windowEnd() != null) {
                    start = start == null || g.windowStart().isBefore(start) ? g.windowStart() : start;
                    end = end == null || g.windowEnd().isAfter(end) ? g.windowEnd() : end;
                }
                unexpected += scope.equals("global") || g.group().equals(scope) ? g.unexpected() : 0;
            }
            double seconds = start == null ? 0 : Duration.between(start, end).toMillis() / 1000.0;
            s.throughput[i] = none || seconds <= 0 ? Double.NaN : d.total / seconds;
            s.errorRate[i] = none ? Double.NaN : 100.0 * unexpected / d.total;
            s.cacheHitRatio[i] = e.cache() == null || e.cache().lookups() == 0 ? Double.NaN : 100.0 * e.cache().hits() / e.cache().lookups();
        }
        return s;
    }
}
