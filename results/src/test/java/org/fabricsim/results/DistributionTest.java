package org.fabricsim.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DistributionTest {

    @Test
    void percentiles_ofUniformIntegers_areTheNearestRankValues() {
        // DSOL's SimTally gave p99 = 1199 here (a normal approximation); nearest rank: ceil(0.99 * 1024) = 1014th
        // smallest value, i.e. 1013
        Distribution d = new Distribution();
        for (int i = 0; i < 1024; i++) {
            d.record(i);
        }
        assertEquals(1013, d.stat("p99"));
        assertEquals(511, d.stat("p50")); // ceil(0.5 * 1024) = 512th smallest
        assertEquals(1023, d.stat("max"));
        assertEquals(511.5, d.stat("mean"), 1e-12);
        assertEquals(1024, d.stat("count"));
    }

    @Test
    void percentiles_valuesOneBucketApart_exactNotBucketed() {
        // two samples 0.001% apart: a 3-significant-digit histogram puts both in one bucket and reports one p50
        double base = 0.0123456;
        for (double shift : new double[] {0, 1e-5}) {
            Distribution d = new Distribution();
            java.util.Random r = new java.util.Random(3);
            double[] v = new double[1001];
            for (int i = 0; i < v.length; i++) {
                v[i] = base * (1 + shift) * (1 + r.nextDouble());
                d.record(v[i]);
            }
            java.util.Arrays.sort(v);
            assertEquals(v[500], d.stat("p50")); // ceil(0.5 * 1001) = 501st smallest
            assertEquals(v[990], d.stat("p99")); // ceil(0.99 * 1001) = 991st
            assertEquals(v[999], d.stat("p999")); // ceil(0.999 * 1001) = 1000th
        }
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
