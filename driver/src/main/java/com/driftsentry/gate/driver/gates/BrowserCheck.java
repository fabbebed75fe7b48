package com.driftsentry.gate.driver.gates;

import com.driftsentry.gate.browser.BrowserGate;
import com.driftsentry.gate.environment.BrowserGateConfig;
import com.driftsentry.gate.environment.Masker;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The browser gate in a stage's run: the release's dashboard (the one the platform serves beside it,
 * else {@code gates.browser.dashboardUrl}) against the release's API, with the key the other gates use.
 */
public final class BrowserCheck implements Gate {
    private final BrowserGateConfig config;
    private final String environment;
    private final Optional<String> dashboardUrl;
    private final String apiBaseUrl;
    private final String apiKey;
    private final BrowserGate gate;

    public BrowserCheck(BrowserGateConfig config, String environment, Optional<String> dashboardUrl, String apiBaseUrl, String apiKey,
                        Path reports, Masker masker) {
        this.config = config;
        this.environment = environment;
        this.dashboardUrl = dashboardUrl;
        this.apiBaseUrl = apiBaseUrl;
        this.apiKey = apiKey;
        this.gate = new BrowserGate(config, environment, reports).masking(masker);
    }

    public BrowserGateConfig config() {
        return config;
    }

    public Optional<String> dashboardUrl() {
        return dashboardUrl;
    }

    /** A stage whose hosted page was never published: shown NOT JUDGED (the page users open is judged by {@code driftgate publish}). */
    public static Gate notPublished(String environment, String apiBaseUrl) {
        return new Gate() {
            @Override
            public String name() {
                return "browser";
            }

            @Override
            public Verdict judge() {
                return verdict(environment, "the hosted dashboard", apiBaseUrl, VerdictLine.of("browser").threshold("the dashboard users open")
                        .measured("no page yet").samples(0, 1).window("this run").notJudged("no page was ever published on " + environment
                                + ": driftgate publish judges the first one once this deploy promotes"));
            }
        };
    }

    @Override
    public String name() {
        return "browser";
    }

    @Override
    public boolean timed() {
        return true;
    }

    /** Chromium starts while the gate before this one runs (it sends the page nothing until {@link #judge()}). */
    @Override
    public void prepare() {
        if (dashboardUrl.isPresent()) {
            gate.prepare();
        }
    }

    @Override
    public void discard() {
        gate.discard();
    }

    @Override
    public Verdict judge() {
        if (dashboardUrl.isEmpty()) {
            return verdict(environment, "the dashboard", apiBaseUrl, VerdictLine.of("browser").threshold("the dashboard is reachable")
                    .measured("no address").samples(0, 1).window("this run")
                    .inconclusive("no dashboard address for this platform (fix: gates.browser.dashboardUrl: https://app.example.com)"));
        }
        return gate.judge(dashboardUrl.get(), apiBaseUrl, apiKey);
    }
}
