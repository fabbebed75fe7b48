package com.driftsentry.gate.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.driver.gates.ContainerGate;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The container gate's judgement of each fact (the engine's answers are given here; ComposeStageIT asks a real engine). */
class ContainerGateTest {
    private static final List<String> CHECK = List.of("CMD", "java", "HealthCheck");

    record Given(long imageBytes, List<String> healthcheck, String health, OptionalLong uid, boolean readOnlyRootFilesystem)
            implements ContainerGate.Facts {
    }

    private static final Given GOOD = new Given(276_100_000, CHECK, "healthy", OptionalLong.of(10001), true);

    private static String outcomes(ContainerGate.Facts facts, boolean readOnlyAsked) {
        Verdict v = new ContainerGate(facts, 500_000_000, readOnlyAsked, "driftsentry-reference:1", "compose").judge();
        return v.lines().stream().map(l -> l.criterion() + "=" + l.outcome() + " (" + l.measured() + ")").collect(Collectors.joining("; "));
    }

    @Test
    void aSmallNonRootImageThatReportsHealthyOnAReadOnlyRootPasses() {
        assertEquals("image size=PASS (276.1 MB); runs as non-root=PASS (uid 10001); HEALTHCHECK=PASS (defined, healthy); "
                + "read-only root filesystem=PASS (read-only, healthy)", outcomes(GOOD, true));
        assertEquals(3, new ContainerGate(GOOD, 500_000_000, false, "i:1", "compose").judge().lines().size(), "read-only is judged only when asked");
    }

    @Test
    void eachBreachFailsItsOwnLineWithTheMeasuredValue() {
        // One bound rule for every gate: the bound itself is within, one byte more is not.
        assertTrue(outcomes(new Given(500_000_001, CHECK, "healthy", OptionalLong.of(10001), true), true).contains("image size=FAIL (500.0 MB)"));
        assertTrue(outcomes(new Given(500_000_000, CHECK, "healthy", OptionalLong.of(10001), true), true).contains("image size=PASS (500.0 MB)"));
        assertTrue(outcomes(new Given(1, CHECK, "healthy", OptionalLong.of(0), true), true).contains("runs as non-root=FAIL (uid 0)"));
        assertTrue(outcomes(new Given(1, List.of(), "none", OptionalLong.of(1), true), true).contains("HEALTHCHECK=FAIL (none)"));
        String unhealthy = outcomes(new Given(1, CHECK, "unhealthy", OptionalLong.of(1), true), true);
        assertTrue(unhealthy.contains("HEALTHCHECK=FAIL (defined, unhealthy)") && unhealthy.contains("read-only root filesystem=FAIL"), unhealthy);
        assertTrue(outcomes(new Given(1, CHECK, "healthy", OptionalLong.of(1), false), true).contains("read-only root filesystem=FAIL (writable, healthy)"));
    }

    @Test
    void aFactTheEngineWouldNotGiveIsInconclusiveNeverAPass() {
        ContainerGate.Facts silent = new ContainerGate.Facts() {
            @Override
            public long imageBytes() {
                throw new IllegalStateException("engine gone");
            }

            @Override
            public List<String> healthcheck() {
                throw new IllegalStateException("engine gone");
            }

            @Override
            public String health() {
                throw new IllegalStateException("engine gone");
            }

            @Override
            public OptionalLong uid() {
                return OptionalLong.empty();
            }

            @Override
            public boolean readOnlyRootFilesystem() {
                throw new IllegalStateException("engine gone");
            }
        };
        Verdict v = new ContainerGate(silent, 500_000_000, true, "i:1", "compose").judge();
        assertEquals(Outcome.INCONCLUSIVE, v.outcome());
        assertTrue(v.lines().stream().map(VerdictLine::outcome).allMatch(o -> o == Outcome.INCONCLUSIVE), v.lines().toString());
        assertTrue(v.lines().get(0).reason().contains("engine gone"), v.lines().get(0).reason());
    }
}
