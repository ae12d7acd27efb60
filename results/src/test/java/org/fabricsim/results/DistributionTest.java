package org.fabricsim.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DistributionTest {

    @Test
    void percentiles_ofUniformIntegers_withinStatedPrecision() {
        // DSOL's SimTally gave p99 = 1199 here (a normal approximation); the exact p99 is 1013.
        Distribution d = new Distribution();
        for (int i = 0; i < 1024; i++) {
            d.record(i);
        }
        double tolerance = Math.pow(10, -Distribution.SIGNIFICANT_DIGITS);
        assertEquals(1013, d.stat("p99"), 1013 * tolerance + 1);
        assertEquals(511, d.stat("p50"), 511 * tolerance + 1);
        assertEquals(1023, d.stat("max"));
        assertEquals(511.5, d.stat("mean"), 1e-12);
        assertEquals(1024, d.stat("count"));
    }

    @Test
    void zerosAndTinyLatencies_areRecorded_nanSkipped() {
        Distribution d = new Distribution();
        d.record(0);
        d.record(0);
        d.record(1e-6);
        d.record(Double.NaN);
        assertEquals(3, d.count());
        assertEquals(0, d.stat("p50"), 1e-12);
        assertTrue(d.stat("max") > 0);
    }

    @Test
    void empty_givesNaNStatsAndZeroCount() {
        Distribution d = new Distribution();
        assertEquals(0, d.stat("count"));
        assertTrue(Double.isNaN(d.stat("p99")));
    }
}
