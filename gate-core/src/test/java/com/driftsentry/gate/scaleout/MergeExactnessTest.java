package com.driftsentry.gate.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.evidence.EvidenceRecorder;
import com.driftsentry.gate.evidence.GroupEvidence;
import com.driftsentry.gate.store.FileStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three generators' evidence, written through the run's channel and merged, against the union of their raw samples:
 * the percentiles are the same numbers (histograms add exactly), and within HdrHistogram's three significant digits of
 * the exact order statistics. Averaging the generators' own percentiles, as some tools do, is shown to be far off.
 */
class MergeExactnessTest {
    @TempDir
    Path dir;

    @Test
    void mergedPercentilesEqualThoseOfTheUnionOfTheRawSamples() {
        RunChannel channel = new RunChannel(new FileStore(dir), "run-1");
        Random random = new Random(42);
        List<long[]> raw = new ArrayList<>();
        // Unlike generators: one sees a slow tail the others do not (a shard, a cold cache), the case averages get wrong.
        long[][] shapes = {{20, 5_000, 2}, {25, 3_000, 0}, {30, 8_000, 0}};
        List<Double> ownP99 = new ArrayList<>();
        for (int g = 0; g < 3; g++) {
            EvidenceRecorder recorder = new EvidenceRecorder();
            long[] samples = new long[(int) shapes[g][1]];
            for (int n = 0; n < samples.length; n++) {
                long ms = shapes[g][0] + (long) Math.abs(random.nextGaussian() * 10) + (random.nextInt(100) < shapes[g][2] ? 900 + random.nextInt(400) : 0);
                samples[n] = ms;
                recorder.record(n % 2 == 0 ? "drifts" : "writes", 200, ms, true, 1_000_000 + n);
            }
            raw.add(samples);
            Evidence evidence = recorder.snapshot("ApiMixSimulation", "local", null);
            ownP99.add((double) evidence.global().histogram().getValueAtPercentile(99));
            channel.finished(g, evidence, new RunChannel.Done(g, Instant.EPOCH, false, 0));
        }
        Evidence merged = MergedRun.read(channel, 3, new RunChannel.Start(Instant.EPOCH, Duration.ofSeconds(5)), Map.of()).merged();

        Histogram union = GroupEvidence.newHistogram();
        raw.forEach(samples -> Arrays.stream(samples).forEach(union::recordValue));
        long[] sorted = raw.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        assertEquals(16_000, merged.global().requests());
        for (double p : new double[] {50, 90, 99, 99.9, 100}) {
            long mergedValue = merged.global().histogram().getValueAtPercentile(p);
            assertEquals(union.getValueAtPercentile(p), mergedValue, "p" + p + ": merged = union");
            long exact = sorted[(int) Math.ceil(p / 100 * sorted.length) - 1];
            assertTrue(Math.abs(mergedValue - exact) <= Math.max(1, exact / 1000), "p" + p + ": " + mergedValue + " against the exact " + exact);
        }
        double averaged = ownP99.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        long truth = union.getValueAtPercentile(99);
        assertTrue(Math.abs(averaged - truth) > 0.25 * truth, "averaging percentiles (" + averaged + ") is not the p99 (" + truth + ")");
    }
}
