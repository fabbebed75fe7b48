package com.driftsentry.reference.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's resident memory as {@code process_resident_memory_bytes} (the Prometheus client's
 * name): what the container's memory limit counts, and what the JVM's own heap figures do not show
 * (metaspace, thread stacks, direct buffers, native leaks). Micrometer has no binder for it. Read
 * from {@code /proc/self/status} (Linux, as on Fargate); elsewhere the gauge reads NaN and
 * Prometheus leaves it out. Held strongly: Micrometer keeps gauges by weak reference, and nothing else holds this.
 */
public final class ResidentMemory implements MeterBinder {
    private final Path status;

    public ResidentMemory() {
        this(Path.of("/proc/self/status"));
    }

    ResidentMemory(Path status) {
        this.status = status;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("process.resident.memory", this, ResidentMemory::bytes).baseUnit(BaseUnits.BYTES)
                .description("Resident set size of this process").strongReference(true).register(registry);
    }

    double bytes() {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    // "VmRSS:	  123456 kB": the kernel always reports it in kibibytes.
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no /proc: unknown rather than a wrong number
        }
        return Double.NaN;
    }
}
