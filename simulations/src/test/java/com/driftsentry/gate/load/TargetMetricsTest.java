package com.driftsentry.gate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.evidence.MemorySeries;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TargetMetricsTest {
    static final Instant AT = Instant.parse("2026-12-02T03:00:00Z");

    @Test
    void heapIsTheSumOfItsPoolsAndResidentMemoryIsTheProcesssGauge() {
        String text = """
                # HELP jvm_memory_used_bytes The amount of used memory
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 3145728.0
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 1.4940672E7
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 4.4200832E7
                process_resident_memory_bytes 2.0447232E8
                """;
        MemorySeries.Sample s = TargetMetrics.parseMemory(text, AT).orElseThrow();
        assertEquals(3145728L + 14940672L, s.heapBytes(), "non-heap pools are not the heap");
        assertEquals(204472320L, s.residentBytes());
    }

    @Test
    void aFigureTheTargetCannotReadIsUnknownAndNoFigureIsNoReading() {
        MemorySeries.Sample s = TargetMetrics.parseMemory("process_resident_memory_bytes NaN\n"
                + "jvm_memory_used_bytes{area=\"heap\",id=\"PS Old Gen\"} 1000.0\n", AT).orElseThrow();
        assertEquals(-1, s.residentBytes());
        assertEquals(1000, s.heapBytes());
        assertTrue(TargetMetrics.parseMemory("http_server_requests_seconds_count 5\n", AT).isEmpty());
    }

    @Test
    void aboutFourHundredReadingsPerRunWithinTheirBounds() {
        assertEquals(Duration.ofMillis(250), MemorySampler.pace(Duration.ofSeconds(30)));
        assertEquals(Duration.ofMillis(4500), MemorySampler.pace(Duration.ofMinutes(30)));
        assertEquals(Duration.ofSeconds(30), MemorySampler.pace(Duration.ofHours(8)), "an eight-hour soak: 960 readings");
    }
}
