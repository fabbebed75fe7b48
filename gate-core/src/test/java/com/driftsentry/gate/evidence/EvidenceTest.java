package com.driftsentry.gate.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.environment.ConfigError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceTest {

    @Test
    void recordsCountsByStatusClassAndUnexpected() {
        Evidence e = new Evidences().add("drifts", 90, 20, 200).add("drifts", 5, 20, 404).add("drifts", 5, 30, 503).add("drifts", 2, 5000, 0).build();
        GroupEvidence g = e.groups().get("drifts");
        assertEquals(102, g.requests());
        assertEquals(90L, g.statusClasses().get("2xx"));
        assertEquals(5L, g.statusClasses().get("4xx"));
        assertEquals(5L, g.serverErrors());
        assertEquals(2L, g.statusClasses().get("none"));
        assertEquals(12, g.unexpected());
        assertTrue(g.windowEnd().isAfter(g.windowStart()));
    }

    @Test
    void requestsSentButNeverAnsweredCountAsErrorsWithoutResponse() {
        EvidenceRecorder recorder = new EvidenceRecorder();
        for (int i = 0; i < 10; i++) {
            recorder.sent("drifts");
        }
        for (int i = 0; i < 7; i++) {
            recorder.record("drifts", 200, 15, true, 1_000 + i);
        }
        GroupEvidence g = recorder.snapshot("S", "e", null).groups().get("drifts");
        assertEquals(10, g.requests());
        assertEquals(3L, g.statusClasses().get("none"));
        assertEquals(3, g.unexpected());
        assertEquals(7, g.histogram().getTotalCount(), "no response, no response time");
    }

    @Test
    void afterAnEarlyStopTheRequestsInFlightAreNotCountedAsErrors() {
        EvidenceRecorder recorder = new EvidenceRecorder();
        for (int i = 0; i < 10; i++) {
            recorder.sent("dashboard");
        }
        for (int i = 0; i < 7; i++) {
            recorder.record("dashboard", 200, 2_500, true, 1_000 + i);
        }
        recorder.stoppedEarly("22% of the last 100 requests were slower than their latency bound");
        Evidence e = recorder.snapshot("S", "e", null);
        GroupEvidence g = e.groups().get("dashboard");
        assertEquals(7, g.requests(), "the 3 cut by the stop are no evidence either way");
        assertEquals(0, g.unexpected());
        assertTrue(e.stoppedEarly().contains("3 request(s) in flight at the stop were not counted"), e.stoppedEarly().toString());
    }

    @Test
    void mergingAddsHistogramsCountsAndWidensWindows() {
        Evidence a = new Evidences().add("drifts", 100, 10, 200).build();
        Evidence b = new Evidences().add("drifts", 100, 1000, 200).add("dashboard", 50, 5, 200).build();
        Evidence merged = a.merge(b);
        GroupEvidence drifts = merged.groups().get("drifts");
        assertEquals(200, drifts.requests());
        assertEquals(200, drifts.histogram().getTotalCount());
        assertEquals(10, drifts.histogram().getValueAtPercentile(50), 0.5);
        assertEquals(1000, drifts.histogram().getValueAtPercentile(99), 1.0);
        assertEquals(250, merged.global().requests());
        assertEquals(50, merged.groups().get("dashboard").requests());
    }

    @Test
    void globalIsEveryGroupTogether() {
        Evidence e = new Evidences().add("a", 10, 1, 200).add("b", 30, 100, 500).build();
        assertEquals(40, e.global().requests());
        assertEquals(30, e.global().serverErrors());
        assertEquals(0, e.scope("missing").requests());
    }

    @Test
    void fileRoundTripsExactlyAndMergesWithAnotherMachinesFile(@TempDir Path dir) throws Exception {
        Evidence one = new Evidences().add("drifts", 300, 42, 200).build(10, 2);
        Evidence two = new Evidences().add("drifts", 100, 900, 200).build(5, 5);
        EvidenceFile.write(one, dir.resolve("one.json"));
        EvidenceFile.write(two, dir.resolve("two.json"));
        Evidence read = EvidenceFile.read(dir.resolve("one.json"));
        assertEquals(one.groups().get("drifts").histogram(), read.groups().get("drifts").histogram());
        assertEquals(one.groups().get("drifts").windowStart(), read.groups().get("drifts").windowStart());
        Evidence merged = read.merge(EvidenceFile.read(dir.resolve("two.json")));
        assertEquals(400, merged.groups().get("drifts").histogram().getTotalCount());
        assertEquals(new Evidence.CacheCounters(15, 7), merged.cache());
        assertTrue(Files.readString(dir.resolve("one.json")).contains("driftsentry-evidence/1"));
    }

    @Test
    void theTargetsMemoryRoundTripsAndTwoGeneratorsReadingsMergeInTimeOrder(@TempDir Path dir) throws Exception {
        Instant t0 = Instant.parse("2026-12-02T03:00:00Z");
        Evidence one = new Evidences().add("drifts", 10, 42, 200).build().withMemory(new MemorySeries(List.of(
                new MemorySeries.Sample(t0, 200L << 20, 30L << 20), new MemorySeries.Sample(t0.plusSeconds(2), -1, 31L << 20))));
        Evidence two = new Evidences().add("drifts", 10, 42, 200).build().withMemory(new MemorySeries(List.of(
                new MemorySeries.Sample(t0.plusSeconds(1), 201L << 20, 29L << 20))));
        EvidenceFile.write(one, dir.resolve("one.json"));
        Evidence read = EvidenceFile.read(dir.resolve("one.json"));
        assertEquals(one.memory(), read.memory(), "a figure the target did not report stays unknown (-1)");
        List<Instant> merged = read.merge(two).memory().samples().stream().map(MemorySeries.Sample::at).toList();
        assertEquals(List.of(t0, t0.plusSeconds(1), t0.plusSeconds(2)), merged);
        assertEquals(31L << 20, read.memory().last(MemorySeries.Kind.HEAP));
        assertEquals(200L << 20, read.memory().last(MemorySeries.Kind.RESIDENT));
    }

    @Test
    void aFileThatIsNotEvidenceIsAClearError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("x.json"), "{\"format\":\"something-else\"}");
        ConfigError e = assertThrows(ConfigError.class, () -> EvidenceFile.read(dir.resolve("x.json")));
        assertTrue(e.getMessage().contains("format"), e.getMessage());
        Files.writeString(dir.resolve("y.json"), "not json");
        assertThrows(ConfigError.class, () -> EvidenceFile.read(dir.resolve("y.json")));
    }
}
