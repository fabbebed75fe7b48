package com.driftsentry.gate.environment;

import java.time.Duration;
import java.util.Optional;

/**
 * The browser gate ({@code gates.browser}): {@code loads} page loads of the dashboard after the key is
 * entered once, the p95 bounds for the load time (Navigation Timing's load event or the moment the page
 * shows its data, whichever is later) and the largest contentful paint, the console errors allowed, how
 * long one load may take before it counts as never showing its data, and where the dashboard is
 * ({@code dashboardUrl}; the embedded default serves its own beside the API). {@code binary} and
 * {@code driver} name the browser and its chromedriver where the usual places would not find them
 * (docs/gates.md: where the browser is found).
 */
public record BrowserGateConfig(int loads, Duration loadP95, Duration lcpP95, int maxConsoleErrors, Duration pageTimeout,
                                Optional<String> dashboardUrl, Optional<String> binary, Optional<String> driver) {
    public static final BrowserGateConfig DEFAULT = new BrowserGateConfig(10, Duration.ofSeconds(2), Duration.ofSeconds(2), 0,
            Duration.ofSeconds(15));

    public BrowserGateConfig(int loads, Duration loadP95, Duration lcpP95, int maxConsoleErrors, Duration pageTimeout) {
        this(loads, loadP95, lcpP95, maxConsoleErrors, pageTimeout, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
