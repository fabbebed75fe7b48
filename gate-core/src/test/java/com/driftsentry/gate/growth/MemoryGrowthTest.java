package com.driftsentry.gate.growth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.evidence.MemorySeries;
import com.driftsentry.gate.evidence.MemorySeries.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MemoryGrowthTest {
    static final long MB = 1L << 20;
    static final Instant START = Instant.parse("2026-12-02T03:00:00Z");

    /**
     * A garbage-collected heap: a floor of live data plus allocation that climbs {@code toothMb}
     * between collections every {@code gcEverySeconds}, sampled every 250 ms for {@code seconds};
     * the floor grows {@code leakMbPerSecond}, and the first quarter also grows (warm-up).
     */
    static MemorySeries heap(int seconds, double leakMbPerSecond, double gcEverySeconds, double toothMb, long seed) {
        Random random = new Random(seed);
        List<MemorySeries.Sample> samples = new ArrayList<>();
        for (int i = 0; i <= seconds * 4; i++) {
            double t = i / 4.0;
            double warmUp = Math.min(t, seconds / 4.0) * 2;
            double tooth = (t % gcEverySeconds) / gcEverySeconds * toothMb;
            double heap = 40 + warmUp + leakMbPerSecond * t + tooth + random.nextGaussian() * 0.5;
            samples.add(new MemorySeries.Sample(START.plusMillis(i * 250L), -1, (long) (heap * MB)));
        }
        return new MemorySeries(samples);
    }

    @Test
    void aLeakUnderTheSawtoothIsMeasuredByItsFloors() {
        MemoryGrowth g = MemoryGrowth.of(heap(60, 0.5, 2.0, 30, 1), Kind.HEAP).orElseThrow();
        double mbPerHour = g.perHour().slope() / MB;
        assertEquals(0.5 * 3600, mbPerHour, 0.5 * 3600 * 0.15, "a 0.5 MB/s leak is 1800 MB/h: " + mbPerHour);
        assertTrue(g.perHour().lower() > 0, g.toString());
        assertEquals(15_000, g.warmUp().toMillis(), 300);
    }

    @Test
    void aFlatSawtoothIsNoGrowthAndTheWarmUpIsLeftOut() {
        MemoryGrowth g = MemoryGrowth.of(heap(60, 0, 2.0, 30, 2), Kind.HEAP).orElseThrow();
        // Judged over all 60 s the warm-up alone would read as 2 MB/s × 15 s over the run, about 1800 MB/h.
        assertTrue(g.perHour().lower() <= 0 && g.perHour().upper() >= 0, g.toString());
        assertTrue(Math.abs(g.perHour().slope()) / MB < 300, "slope " + g.perHour().slope() / MB + " MB/h");
    }

    @Test
    void collectionsRarerThanTheWindowsGetOneWindowEachSoEveryFloorIsATrough() {
        // 45 s judged, a collection every 5 s: 20 windows of 2.25 s would mostly sit mid-tooth.
        MemoryGrowth g = MemoryGrowth.of(heap(60, 0, 5.0, 30, 5), Kind.HEAP).orElseThrow();
        assertEquals(9, g.perHour().points(), "one window per collection");
        assertTrue(g.perHour().upper() / MB < 400 && g.perHour().lower() / MB > -400, "a narrow interval around 0: " + g);
    }

    @Test
    void aKindTheTargetNeverReportedIsAbsentAndTooFewReadingsHaveNoInterval() {
        assertTrue(MemoryGrowth.of(heap(60, 0, 2.0, 30, 3), Kind.RESIDENT).isEmpty());
        MemoryGrowth shortRun = MemoryGrowth.of(heap(4, 0.5, 2.0, 30, 4), Kind.HEAP).orElseThrow();
        assertFalse(shortRun.measurable(), shortRun.toString());
    }
}
