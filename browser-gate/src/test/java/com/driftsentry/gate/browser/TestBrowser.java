package com.driftsentry.gate.browser;

import org.junit.jupiter.api.Assumptions;

/**
 * The browser this machine has, for the tests that open pages: where there is none the test is skipped with
 * the places looked and the fix, except where one is required ({@code DRIFTGATE_BROWSER_REQUIRED=true}: .ci/run
 * and the CI workflow), where that fails.
 */
public final class TestBrowser {
    private TestBrowser() {
    }

    public static BrowserLocator.Browser here() {
        BrowserLocator.Located located = BrowserLocator.fromSystem().locate();
        if (located.browser().isEmpty()) {
            if ("true".equals(System.getenv("DRIFTGATE_BROWSER_REQUIRED"))) {
                throw new AssertionError("a browser is required here: " + located.problem());
            }
            Assumptions.abort("no browser here: " + located.problem());
        }
        return located.browser().get();
    }
}
