package com.driftsentry.gate.growth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RobustSlopeTest {
    @Test
    void aStraightLineIsItsOwnSlopeWithNoDoubt() {
        double[] x = {0, 1, 2, 3, 4, 5, 6, 7};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 2 * x[i] + 1;
        }
        RobustSlope s = RobustSlope.of(x, y);
        assertEquals(2.0, s.slope(), 1e-12);
        assertEquals(2.0, s.lower(), 1e-12);
        assertEquals(2.0, s.upper(), 1e-12);
    }

    @Test
    void aQuarterOfWildPointsDoesNotMoveIt() {
        double[] x = new double[20];
        double[] y = new double[20];
        for (int i = 0; i < 20; i++) {
            x[i] = i;
            y[i] = i % 4 == 0 ? 1000 : i;
        }
        RobustSlope s = RobustSlope.of(x, y);
        assertEquals(1.0, s.slope(), 1e-9, "the median of the pairwise slopes ignores 5 wild points of 20");
        assertTrue(s.lower() <= 1.0 && s.upper() >= 1.0, s.toString());
    }

    @Test
    void theIntervalCoversTheTrueSlopeAboutNinetyFivePercentOfTheTime() {
        Random random = new Random(42);
        int covered = 0;
        int trials = 2000;
        for (int t = 0; t < trials; t++) {
            double[] x = new double[15];
            double[] y = new double[15];
            for (int i = 0; i < x.length; i++) {
                x[i] = i;
                y[i] = 0.5 * i + random.nextGaussian() * 3;
            }
            RobustSlope s = RobustSlope.of(x, y);
            covered += s.lower() <= 0.5 && 0.5 <= s.upper() ? 1 : 0;
        }
        double coverage = covered / (double) trials;
        assertTrue(coverage > 0.93 && coverage < 0.99, "coverage " + coverage);
    }

    @Test
    void twoPointsHaveNoInterval() {
        RobustSlope s = RobustSlope.of(new double[] {0, 1}, new double[] {0, 5});
        assertEquals(5.0, s.slope());
        assertTrue(Double.isInfinite(s.lower()) && Double.isInfinite(s.upper()));
    }
}
