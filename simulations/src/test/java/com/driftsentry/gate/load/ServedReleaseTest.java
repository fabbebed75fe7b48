package com.driftsentry.gate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The release a run's target served, read from what it answered before the load: what the nightly page names under each run. */
class ServedReleaseTest {

    private static Verdict answered(String measured) {
        return Verdict.of("load", "staging", "ApiMixSimulation", "http://127.0.0.1:9", List.of(VerdictLine.of(TargetHealth.READY_BEFORE)
                .threshold("ready").measured(measured).samples(1, 1).window("0.3 s before the load").pass("ready")));
    }

    @Test
    void theVersionOfTheTargetsReadinessAnswer() {
        assertEquals(Optional.of("0.4.2"), ServedRelease.of(answered("200 {\"status\":\"ready\",\"version\":\"0.4.2\",\"checks\":{\"postgres\":\"ok\"}}")));
    }

    @Test
    void noVersionNoAnswerOrNoLineIsNoRelease() {
        assertEquals(Optional.empty(), ServedRelease.of(answered("200 {\"status\":\"ready\"}")));
        assertEquals(Optional.empty(), ServedRelease.of(answered("connection refused")));
        assertEquals(Optional.empty(), ServedRelease.of(answered("200 {not json")));
        assertEquals(Optional.empty(), ServedRelease.of(Verdict.of("load", "staging", "ApiMixSimulation", "http://127.0.0.1:9", List.of())));
    }
}
