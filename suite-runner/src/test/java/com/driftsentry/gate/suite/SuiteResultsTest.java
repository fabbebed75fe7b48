package com.driftsentry.gate.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.VerdictLine;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** One verdict line per suite: a failed setup is a FAIL, a suite that only skipped is no evidence, skips keep their reasons. */
class SuiteResultsTest {

    @Test
    void eachSuiteBecomesOneLineThatNeverPassesOnNothing() {
        SuiteResults results = new SuiteResults("smoke");
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(MixedSuiteFixture.class), DiscoverySelectors.selectClass(SkippedSuiteFixture.class),
                        DiscoverySelectors.selectClass(BrokenSetupSuiteFixture.class))
                .build(), results);
        Map<String, VerdictLine> lines = results.lines().stream().collect(Collectors.toMap(VerdictLine::criterion, Function.identity()));

        VerdictLine mixed = lines.get("smoke mixed");
        assertEquals(Outcome.PASS, mixed.outcome());
        assertEquals(2, mixed.samples());
        assertTrue(mixed.measured().contains("2 passed, 0 failed, 1 skipped (skipsWithAReason(): no expected version given)"), mixed.measured());
        assertTrue(mixed.measured().contains("generated requests 12"), mixed.measured());

        VerdictLine skipped = lines.get("smoke skipped");
        assertEquals(Outcome.INCONCLUSIVE, skipped.outcome());
        assertTrue(skipped.reason().contains("no test ran: skipped(): readOnly: writes are skipped"), skipped.reason());

        VerdictLine broken = lines.get("smoke broken");
        assertEquals(Outcome.FAIL, broken.outcome());
        assertTrue(broken.reason().contains("setup: the stage refused the setup request"), broken.reason());
        assertEquals(List.of("mixed: skipsWithAReason(): no expected version given", "skipped: skipped(): readOnly: writes are skipped"),
                results.skips());
    }
}
