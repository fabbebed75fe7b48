package com.driftsentry.gate.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.evidence.EvidenceRecorder;
import com.driftsentry.gate.store.FileStore;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.VerdictLine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the merged evidence of a scaled-out run is whole, and how each way it is not is said: the generator, and the time. */
class MergedRunTest {
    static final RunChannel.Start START = new RunChannel.Start(Instant.parse("2026-12-06T02:00:00Z"), Duration.ofSeconds(5));

    @TempDir
    Path dir;
    RunChannel channel;

    @BeforeEach
    void channel() {
        channel = new RunChannel(new FileStore(dir), "run-7");
    }

    /** Generator {@code index} sends {@code perInterval} requests in each of {@code intervals} intervals, all written. */
    private void generator(int index, int intervals, int perInterval) {
        EvidenceRecorder whole = new EvidenceRecorder();
        for (int k = 0; k < intervals; k++) {
            EvidenceRecorder interval = new EvidenceRecorder();
            for (int n = 0; n < perInterval; n++) {
                long end = START.at().toEpochMilli() + k * 5000L + n;
                interval.record("health", 200, 10 + n % 7, true, end);
                whole.record("health", 200, 10 + n % 7, true, end);
            }
            channel.interval(index, k, interval.snapshot("HealthSimulation", "local", null));
        }
        channel.finished(index, whole.snapshot("HealthSimulation", "local", null), new RunChannel.Done(index, START.at().plusSeconds(5L * intervals), false, intervals));
    }

    @Test
    void aWholeRunMergesEveryGeneratorAndSaysWhatEachSent() {
        generator(0, 4, 100);
        generator(1, 4, 90);
        generator(2, 4, 110);
        MergedRun run = MergedRun.read(channel, 3, START, Map.of(1, new ClockOffset(Duration.ofMillis(-12), Duration.ofMillis(20))));
        assertEquals(List.of(), run.gaps());
        assertEquals(1200, run.merged().global().requests());
        assertEquals(Map.of(0, 400L, 1, 360L, 2, 440L), run.requestsByGenerator());
        assertEquals(List.of(0, 1, 2, 3), List.copyOf(run.overTime().keySet()));
        assertEquals(300, run.overTime().get(2).global().requests(), "an interval adds every generator's");
        VerdictLine line = run.generatorsLine();
        assertEquals(Outcome.PASS, line.outcome(), line.toString());
        assertEquals("0: 400; 1: 360 (clock behind 12 ms (±20 ms)); 2: 440", line.measured());
        String page = RunPage.html("HealthSimulation on local, run run-7", run);
        assertTrue(page.contains("health: response time per 5 s interval, every generator merged") && page.contains(">0 s<") && page.contains("<svg"), page);
        assertTrue(page.contains("<td>2</td><td>10</td><td>100 (33%)</td><td>90 (30%)</td><td>110 (37%)</td><td>300</td>"),
                "each generator's share of interval 2: " + page);
        assertTrue(!page.contains("<script") && !page.contains("src=") && !page.contains("href=") && !page.contains("url("), "self-contained: nothing fetched, no script");
    }

    @Test
    void aGeneratorThatNeverWroteItsFinalEvidenceMakesTheRunInconclusiveNamingItAndItsLastInterval() {
        generator(0, 4, 100);
        generator(1, 4, 100);
        channel.interval(2, 0, new EvidenceRecorder().snapshot("HealthSimulation", "local", null));
        channel.interval(2, 1, new EvidenceRecorder().snapshot("HealthSimulation", "local", null));
        MergedRun run = MergedRun.read(channel, 3, START, Map.of());
        assertEquals(1, run.gaps().size(), run.gaps().toString());
        assertEquals("generator 2 never wrote its final evidence (its last interval was interval 1 (5 s to 10 s after the start at "
                + "2026-12-06T02:00:00Z)): it died or was stopped", run.gaps().get(0).reason());
        assertEquals(Outcome.INCONCLUSIVE, run.generatorsLine().outcome());
    }

    @Test
    void aMissingIntervalAndAClockBeyondTheBoundAreEachNamed() {
        generator(0, 4, 100);
        generator(1, 4, 100);
        new FileStore(dir).delete("scaleout/run-7/intervals/1/00002.json", new FileStore(dir).read("scaleout/run-7/intervals/1/00002.json").orElseThrow().version());
        MergedRun run = MergedRun.read(channel, 2, START, Map.of(0, new ClockOffset(Duration.ofMillis(1500), Duration.ofMillis(30))));
        List<String> reasons = run.gaps().stream().map(VerdictLine::reason).toList();
        assertEquals(List.of("generator 0's clock is ahead 1500 ms (±30 ms) from the coordinator's, beyond the 1000 ms its intervals can be aligned within",
                "generator 1 wrote no evidence for interval 2 (10 s to 15 s after the start at 2026-12-06T02:00:00Z)"), reasons);
    }

    @Test
    void theFirstStopIsTheOneEveryGeneratorObeys() {
        channel.stop(new RunChannel.Stop("error rate 12.0% over the last 100 requests reached the abort bound 10.0%", START.at().plusSeconds(12)));
        channel.stop(new RunChannel.Stop("cancelled", START.at().plusSeconds(13)));
        assertTrue(channel.stop().orElseThrow().reason().startsWith("error rate 12.0%"));
    }

    @Test
    void aClockOffsetIsTheAnswerAgainstTheMidpointOfTheRoundTrip() {
        Instant sent = Instant.parse("2026-12-06T02:00:00Z");
        ClockOffset o = ClockOffset.of(sent, sent.plusMillis(250), sent.plusMillis(100));
        assertEquals(Duration.ofMillis(200), o.offset());
        assertEquals(Duration.ofMillis(50), o.uncertainty());
        assertTrue(o.within(Duration.ofMillis(250)) && !o.within(Duration.ofMillis(249)));
    }
}
