package com.driftsentry.gate.suite;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A suite whose setup fails before any test (launched by SuiteResultsTest). */
@Tag("broken")
class BrokenSetupSuiteFixture {
    @BeforeAll
    static void setUp() {
        throw new IllegalStateException("the stage refused the setup request");
    }

    @Test
    void neverRuns() {
    }
}
