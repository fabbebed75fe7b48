package com.driftsentry.gate.driver;

import com.driftsentry.gate.driver.cost.CostEstimate;
import com.driftsentry.gate.driver.cost.CostLine;
import com.driftsentry.gate.driver.ledger.Ledger;
import com.driftsentry.gate.driver.platform.Platform;
import com.driftsentry.gate.driver.platform.Release;
import com.driftsentry.gate.environment.DeployConfig;
import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.environment.Threshold;
import com.driftsentry.gate.smoke.SmokeGate;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code --dry-run}: what a deploy would change, which gates would judge it with which thresholds, and what happens on failure. */
final class Plan {
    private Plan() {
    }

    static List<String> deploy(Environment env, Ledger ledger, Platform platform, Release candidate) {
        DeployConfig d = env.deploy();
        List<String> plan = new ArrayList<>();
        plan.add("dry run: nothing is started, deployed or written");
        // Each read of the ledger is a read of the store (an S3 GET): read once.
        Optional<String> recorded = ledger.serving();
        plan.add("environment " + env.name() + " (" + env.file() + "), platform " + d.platform().type() + ", serving "
                + recorded.or(() -> d.platform().baselineVersion()).orElse("nothing recorded") + ", candidate " + candidate);
        if (d.platform().knowsWhatServes()) {
            // Read only: what the deploy would start from, and whether the ledger knows it.
            Optional<String> serves = platform.serving().map(Release::toString);
            plan.add("platform serves " + serves.orElse("nothing") + " (" + d.platform().type() + ", asked now)");
            Drift.between(serves, recorded).ifPresent(drift -> plan.add("DRIFT: " + drift));
        }
        platform.plan(candidate).forEach(p -> plan.add("platform: " + p));
        platform.releaseChecks(candidate).forEach(g -> plan.add("gate " + g.name() + " (the platform's check of the release, first)"));
        plan.add("gate health: " + d.platform().common().versionChecks() + " consecutive /health/live report version " + candidate.version());
        plan.add("gate smoke: suites " + String.join(", ", SmokeGate.tagsBeforeRateLimit(env))
                + (env.smoke().readOnly() ? ", read-only" : ""));
        env.browser().ifPresent(b -> plan.add(String.format(Locale.ROOT, "gate browser: %d loads of the dashboard (%s) in headless Chromium: "
                + "p95 load <= %d ms, p95 largest contentful paint <= %d ms, at most %d console errors, no failed request, the figures equal the API's",
                b.loads(), b.dashboardUrl().orElse("the one the platform serves"), b.loadP95().toMillis(), b.lcpP95().toMillis(), b.maxConsoleErrors())));
        env.contract().ifPresent(c -> plan.add("gate contract: " + c.spec().getFileName() + ", at most " + c.generatedRequests()
                + " generated requests" + (c.readOnly() ? ", read-only" : "")));
        StageGates.KINDS.forEach(kind -> env.sections().get(kind.key()).ifPresent(section -> plan.add("gate " + kind.key() + ": " + kind.plan(section))));
        env.load().ifPresent(l -> {
            plan.add(String.format(Locale.ROOT, "gate load: %s, ramp to %.0f/s over %d s, hold %d s, at least %d requests", l.simulation(),
                    l.profile().rampToPerSecond(), l.profile().over().toSeconds(), l.profile().hold().toSeconds(), l.minRequests()));
            for (Threshold t : l.thresholds()) {
                plan.add("  threshold " + t.describe());
            }
        });
        if (SmokeGate.runsRateLimit(env)) {
            plan.add("gate ratelimit: the smoke ratelimit suite, after the others (it throttles this address for unknown keys)");
        }
        platform.promotionChecks(candidate).forEach(g -> plan.add("gate " + g.name() + " (before promotion)"));
        plan.add(String.format(Locale.ROOT, "availability: %s every %d ms from the deploy's start, success >= %.2f%%", d.availability().path(),
                d.availability().every().toMillis(), 100 * d.availability().minSuccess()));
        plan.add("on failure: " + (!platform.policy().keepsReleases() ? "nothing to restore: a PR stage has no release to roll back to (each run is a "
                + "fresh stack); the verdict and the exit code are the result" : d.rollbackOnFailure() ? "restore the noted release and verify it"
                : "stop, the candidate is not promoted"));
        plan.add("ledger: " + ledger.where());
        return plan;
    }

    /** The cost gate's part of the plan: the verdict first, then every priced line. */
    static List<String> cost(CostEstimate estimate, Verdict verdict) {
        VerdictLine v = verdict.lines().get(0);
        List<String> plan = new ArrayList<>();
        plan.add("gate cost (before anything changes): " + v.measured() + " a month estimated, " + v.threshold() + ": " + verdict.outcome()
                + (verdict.outcome() == Outcome.PASS ? "" : ", " + v.reason() + "; the deploy would be refused"));
        for (CostLine l : estimate.lines()) {
            plan.add(String.format(Locale.ROOT, "  cost %s %s: %s at %s = $%.4f", l.stack(), l.resource(), l.usage(), l.rate(), l.usd()));
        }
        estimate.unpriced().forEach(u -> plan.add("  not priced: " + u));
        estimate.assumptions().forEach(a -> plan.add("  assumed: " + a));
        return plan;
    }
}
