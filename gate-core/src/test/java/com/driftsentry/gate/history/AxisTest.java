package com.driftsentry.gate.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The value axes people read: round ticks, no more decimals than the step, a percentage that ends at 100. */
class AxisTest {

    @Test
    void ticksAreRoundAndCoverTheValues() {
        Axis ms = Axis.of(0, 37, false);
        assertEquals(List.of(0.0, 10.0, 20.0, 30.0, 40.0), ms.ticks());
        assertEquals("40", ms.label(40));
        Axis wide = Axis.of(0, 1234, false);
        assertEquals(250.0, wide.step());
        assertEquals(1250.0, wide.hi());
        assertEquals(List.of("0", "250", "500", "750", "1000", "1250"), wide.ticks().stream().map(wide::label).toList());
    }

    @Test
    void aPercentageEndsAt100AndSmallOnesKeepTheirDecimals() {
        // The cache chart's axis used to end at "102" for a percentage.
        Axis hits = Axis.of(0, 102, true);
        assertEquals(100.0, hits.hi());
        assertEquals(List.of(0.0, 20.0, 40.0, 60.0, 80.0, 100.0), hits.ticks());
        Axis errors = Axis.of(0, 0.37, true);
        assertEquals(0.4, errors.hi(), 1e-12);
        assertEquals(List.of("0.0", "0.1", "0.2", "0.3", "0.4"), errors.ticks().stream().map(errors::label).toList());
        Axis fraction = Axis.of(0, 1.1, false);
        assertEquals(List.of("0.00", "0.25", "0.50", "0.75", "1.00", "1.25"), fraction.ticks().stream().map(fraction::label).toList());
    }

    @Test
    void zeroIsAlwaysOnTheAxisAndNothingButZerosStillHasHeight() {
        Axis growth = Axis.of(-12, 30, false);
        assertEquals(-20.0, growth.lo());
        assertEquals(30.0, growth.hi());
        assertEquals(List.of(-20.0, -10.0, 0.0, 10.0, 20.0, 30.0), growth.ticks());
        Axis none = Axis.of(0, 0, true);
        assertEquals(0.0, none.lo());
        assertEquals(1.0, none.hi());
        assertEquals(Axis.of(Double.NaN, Double.NaN, false).hi(), 1.0, "no value at all");
    }
}
