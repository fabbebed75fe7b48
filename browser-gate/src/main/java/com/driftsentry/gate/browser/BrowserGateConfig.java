package com.driftsentry.gate.browser;

import java.time.Duration;

/**
 * How the browser gate judges the dashboard: {@code loads} page loads after the key is entered once,
 * the p95 bounds for the load time (Navigation Timing's load event or the moment the page shows its
 * data, whichever is later) and the largest contentful paint, the console errors allowed, and how long
 * one load may take before it counts as never showing its data.
 */
public record BrowserGateConfig(int loads, Duration loadP95, Duration lcpP95, int maxConsoleErrors, Duration pageTimeout) {
    public static final BrowserGateConfig DEFAULT = new BrowserGateConfig(10, Duration.ofSeconds(2), Duration.ofSeconds(2), 0, Duration.ofSeconds(15));
}
