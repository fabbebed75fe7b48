package com.driftsentry.gate.history;

import com.driftsentry.gate.evidence.Evidence;

/**
 * How far one run's latency distribution in a scope sits above another's, by rank: the
 * Vargha–Delaney effect {@code A = P(X > Y) + ½·P(X = Y)} of a request X of the candidate over a
 * request Y of the baseline, minus ½ (no shift is 0, every request slower is +0.5). For a request
 * group, minus the same effect of the runs' other groups (the control), as in the regression rule:
 * a slower machine moves every group alike, a regression of one route only that route.
 */
public final class RankShift {
    private RankShift() {
    }

    public static double of(Evidence candidate, Evidence baseline, String scope) {
        Distributions cache = new Distributions();
        double a = cache.scope(candidate, scope).rankEffectOver(cache.scope(baseline, scope));
        boolean controlled = !"global".equals(scope) && candidate.groups().size() > 1 && baseline.groups().size() > 1;
        double control = controlled ? cache.control(candidate, scope).rankEffectOver(cache.control(baseline, scope)) : 0.5;
        return a - control;
    }
}
