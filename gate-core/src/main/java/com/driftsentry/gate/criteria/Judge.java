package com.driftsentry.gate.criteria;

import com.driftsentry.gate.environment.LoadGateConfig;
import com.driftsentry.gate.environment.Metric;
import com.driftsentry.gate.environment.Threshold;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.verdict.VerdictLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The criteria of one load gate, built once from its thresholds: they judge the evidence into a
 * verdict, and they are what Gatling's assertions, the early abort and the stress levels ask while
 * the run is going, so that a threshold means one thing everywhere.
 */
public final class Judge {
    private final List<Criterion> criteria;
    private final List<ErrorRateCriterion> errorRates;
    private final Map<String, List<LatencyCriterion>> latencyByGroup = new ConcurrentHashMap<>();

    private Judge(List<Criterion> criteria) {
        this.criteria = List.copyOf(criteria);
        this.errorRates = criteria.stream().filter(c -> c instanceof ErrorRateCriterion).map(c -> (ErrorRateCriterion) c).toList();
    }

    /** {@code gates.load.minRequests} first (no data never passes), then every threshold in the file's order. */
    public static Judge of(LoadGateConfig gate, Optional<Evidence> baseline) {
        List<Criterion> criteria = new ArrayList<>();
        if (gate.minRequests() > 0) {
            criteria.add(new RequestCountCriterion(new Threshold("global", Metric.REQUESTS, Threshold.Bound.MIN, gate.minRequests(),
                    gate.minRequests(), Long.toString(gate.minRequests()), "gates.load.minRequests")));
        }
        gate.thresholds().forEach(t -> criteria.add(criterion(t, baseline, gate.notJudgedWithoutBaseline())));
        return new Judge(criteria);
    }

    /** Picks the criterion for a threshold by its metric and bound. */
    static Criterion criterion(Threshold t, Optional<Evidence> baseline) {
        return criterion(t, baseline, false);
    }

    static Criterion criterion(Threshold t, Optional<Evidence> baseline, boolean notJudgedWithoutBaseline) {
        if (t.bound() == Threshold.Bound.MAX_REGRESSION) {
            return new RegressionCriterion(t, baseline, notJudgedWithoutBaseline);
        }
        return switch (t.metric()) {
            case P50, P75, P90, P95, P99, P999 -> new LatencyCriterion(t);
            case ERROR_RATE, SERVER_ERROR_RATE -> new ErrorRateCriterion(t);
            case REQUESTS -> new RequestCountCriterion(t);
            case THROUGHPUT -> new ThroughputCriterion(t);
            case CACHE_HIT_RATIO -> new CacheHitCriterion(t);
            case MEMORY_GROWTH -> new MemoryGrowthCriterion(t);
        };
    }

    public List<Criterion> criteria() {
        return criteria;
    }

    /** One line per criterion, and a failing line when the run was stopped early (the reason it was stopped). */
    public List<VerdictLine> lines(Evidence evidence) {
        List<VerdictLine> lines = new ArrayList<>(criteria.stream().map(c -> c.judge(evidence)).toList());
        evidence.stoppedEarlyReason().ifPresent(reason -> lines.add(VerdictLine.of("run completed").threshold("no early abort")
                .measured("stopped early: " + reason).samples(evidence.global().requests(), 0).window(Lines.window(evidence.global()))
                .fail("stopped because the run was clearly failing: " + reason)));
        return lines;
    }

    /** Whether one response of {@code group} is slower than a latency bound that applies to it. */
    public boolean tooSlow(String group, long responseTimeMs) {
        for (LatencyCriterion c : latencyByGroup.computeIfAbsent(group, this::latencyCriteria)) {
            if (c.exceededBy(responseTimeMs)) {
                return true;
            }
        }
        return false;
    }

    /** The criterion this one response already fails for good (a failure under a 0% bound), if any. Asked for every response. */
    public Optional<Criterion> decidedBy(String group, int status, boolean expected) {
        for (ErrorRateCriterion c : errorRates) {
            if (c.decidedBy(group, status, expected)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private List<LatencyCriterion> latencyCriteria(String group) {
        return criteria.stream().filter(c -> c instanceof LatencyCriterion && c.appliesTo(group)).map(c -> (LatencyCriterion) c).toList();
    }
}
