package com.driftsentry.gate.evidence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The target's memory as sampled from its {@code /metrics} during a load run: resident set size
 * ({@code process_resident_memory_bytes}) and JVM heap in use (the sum of
 * {@code jvm_memory_used_bytes{area="heap"}}), each -1 when the target did not report it.
 */
public record MemorySeries(List<Sample> samples) {

    /** One reading; a figure the target did not report is -1. */
    public record Sample(Instant at, long residentBytes, long heapBytes) {
        public long bytes(Kind kind) {
            return kind == Kind.RESIDENT ? residentBytes : heapBytes;
        }
    }

    /** Which figure: both are judged, as a leak may be on the heap or outside it (native, threads, metaspace). */
    public enum Kind {
        HEAP("heap"), RESIDENT("resident");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public MemorySeries {
        samples = samples.stream().sorted(Comparator.comparing(Sample::at)).toList();
    }

    public static MemorySeries empty() {
        return new MemorySeries(List.of());
    }

    public boolean isEmpty() {
        return samples.isEmpty();
    }

    /** Several generators' samples of one target, in time order. */
    public MemorySeries plus(MemorySeries other) {
        List<Sample> all = new ArrayList<>(samples);
        all.addAll(other.samples);
        return new MemorySeries(all);
    }

    /** The last reading of {@code kind}, or -1. */
    public long last(Kind kind) {
        for (int i = samples.size() - 1; i >= 0; i--) {
            if (samples.get(i).bytes(kind) >= 0) {
                return samples.get(i).bytes(kind);
            }
        }
        return -1;
    }
}
