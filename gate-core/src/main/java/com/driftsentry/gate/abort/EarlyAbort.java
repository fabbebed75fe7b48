package com.driftsentry.gate.abort;

import com.driftsentry.gate.criteria.Criterion;
import com.driftsentry.gate.criteria.Judge;
import com.driftsentry.gate.environment.LoadGateConfig;
import java.util.Locale;
import java.util.Optional;

/**
 * Watches the last N outcomes and trips when the run is clearly failing: the error share or the
 * share of requests slower than their latency bound passes its limit over a full window, or one
 * response already fails a criterion for good (a failure under a 0% bound). Whether a response is
 * slow or decisive is the gate's criteria's answer, never a bound looked up here. Once tripped it
 * stays tripped with the reason, so the load generator can stop and the verdict say why.
 */
public final class EarlyAbort {
    private final LoadGateConfig.EarlyAbortConfig config;
    private final Judge judge;
    private final boolean[] errors;
    private final boolean[] slow;
    private int next;
    private int filled;
    private int errorCount;
    private int slowCount;
    private long seen;
    private volatile String reason;

    public EarlyAbort(LoadGateConfig.EarlyAbortConfig config, Judge judge) {
        this.config = config;
        this.judge = judge;
        this.errors = new boolean[config.window()];
        this.slow = new boolean[config.window()];
    }

    /** One response: its request group, status, response time, and whether the scenario expected that status. */
    public synchronized void observe(String group, int status, long responseTimeMs, boolean expected) {
        if (reason != null) {
            return;
        }
        seen++;
        boolean error = !expected;
        boolean tooSlow = judge.tooSlow(group, responseTimeMs);
        Optional<Criterion> decided = judge.decidedBy(group, status, expected);
        if (decided.isPresent()) {
            reason = "an unexpected response (request " + seen + ", " + group + " " + status + ") with an error budget of 0%: "
                    + decided.get().threshold().describe() + " can only fail from here";
            return;
        }
        if (filled == errors.length) {
            errorCount -= errors[next] ? 1 : 0;
            slowCount -= slow[next] ? 1 : 0;
        } else {
            filled++;
        }
        errors[next] = error;
        slow[next] = tooSlow;
        errorCount += error ? 1 : 0;
        slowCount += tooSlow ? 1 : 0;
        next = (next + 1) % errors.length;
        if (filled == errors.length) {
            double errorShare = (double) errorCount / filled;
            double slowShare = (double) slowCount / filled;
            if (errorShare >= config.errorRate()) {
                reason = String.format(Locale.ROOT, "error rate %.1f%% over the last %d requests reached the abort bound %.1f%%",
                        100 * errorShare, filled, 100 * config.errorRate());
            } else if (slowShare >= config.slowRatio()) {
                reason = String.format(Locale.ROOT, "%.1f%% of the last %d requests were slower than their latency bound (abort bound %.1f%%)",
                        100 * slowShare, filled, 100 * config.slowRatio());
            }
        }
    }

    public boolean tripped() {
        return reason != null;
    }

    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }
}
