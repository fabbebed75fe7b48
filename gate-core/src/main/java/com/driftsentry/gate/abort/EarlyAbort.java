package com.driftsentry.gate.abort;

import com.driftsentry.gate.environment.LoadGateConfig;
import java.util.Locale;
import java.util.Optional;

/**
 * Watches the last N outcomes and trips when the run is clearly failing: the error share or the
 * share of requests slower than their latency bound passes its limit over a full window, or any
 * error at all when the error budget is 0% (the verdict is then already decided). Once
 * tripped it stays tripped with the reason, so the load generator can stop and the verdict say why.
 */
public final class EarlyAbort {
    private final LoadGateConfig.EarlyAbortConfig config;
    private final boolean[] errors;
    private final boolean[] slow;
    private int next;
    private int filled;
    private int errorCount;
    private int slowCount;
    private long seen;
    private volatile String reason;

    public EarlyAbort(LoadGateConfig.EarlyAbortConfig config) {
        this.config = config;
        this.errors = new boolean[config.window()];
        this.slow = new boolean[config.window()];
    }

    public synchronized void observe(boolean error, boolean tooSlow) {
        if (reason != null) {
            return;
        }
        seen++;
        if (error && config.zeroErrorBudget()) {
            reason = "an unexpected response (request " + seen + ") with an error budget of 0%: errorRate can only fail from here";
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
