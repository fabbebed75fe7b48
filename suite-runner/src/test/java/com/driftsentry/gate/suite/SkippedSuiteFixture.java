package com.driftsentry.gate.suite;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A suite whose only test is skipped (not a test class of its own: SuiteResultsTest launches it). */
@Tag("skipped")
class SkippedSuiteFixture {
    @Test
    void skipped() {
        Assumptions.abort("readOnly: writes are skipped");
    }
}
