package com.driftsentry.gate.suite;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/** Two passes, one skip with a reason, one published note (launched by SuiteResultsTest). */
@Tag("mixed")
class MixedSuiteFixture {
    @Test
    void passes(TestReporter reporter) {
        reporter.publishEntry("generated requests", "12");
    }

    @Test
    void passesToo() {
    }

    @Test
    void skipsWithAReason() {
        Assumptions.abort("no expected version given");
    }
}
