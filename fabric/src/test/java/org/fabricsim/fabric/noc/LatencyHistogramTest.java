package org.fabricsim.fabric.noc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    private static final int[] PERMILLE = {0, 1, 500, 900, 990, 999, 1000};

    /** Nearest rank in exact integer arithmetic: the ceil(p/1000 * n)-th smallest sample (at least the first). */
    private static long nearestRank(long[] sorted, int permille) {
        long rank = Math.max(1, (permille * (long) sorted.length + 999) / 1000);
        return sorted[(int) rank - 1];
    }

    private static long[] record(LatencyHistogram h, SplittableRandom random, int n, long bound) {
        long[] samples = new long[n];
        for (int i = 0; i < n; i++) {
            samples[i] = random.nextLong(bound);
            h.record(samples[i]);
        }
        Arrays.sort(samples);
        return samples;
    }

    @Test
    void quantile_latenciesBelow2To15_equalNearestRankSample() {
        SplittableRandom random = new SplittableRandom(17);
        for (int n : new int[] {1, 7, 100, 300, 1000, 4097}) {
            LatencyHistogram h = new LatencyHistogram();
            long[] sorted = record(h, random, n, 32_768);
            for (int p : PERMILLE) {
                assertEquals(nearestRank(sorted, p), h.quantile(p / 1000.0), "n=" + n + " q=" + p / 1000.0);
            }
        }
    }

    @Test
    void quantile_latenciesUpToTenMillion_withinFourSignificantDigitsAbove() {
        SplittableRandom random = new SplittableRandom(5);
        LatencyHistogram h = new LatencyHistogram();
        long[] sorted = record(h, random, 2000, 10_000_000);
        for (int p : PERMILLE) {
            long exact = nearestRank(sorted, p);
            long reported = h.quantile(p / 1000.0);
            // HdrHistogram answers with the top of the sample's bucket: never below, at most 1/2^14 above
            assertTrue(reported >= exact && reported - exact <= exact / 16_384.0, "q=" + p / 1000.0 + " exact " + exact
                    + " reported " + reported);
        }
    }

    @Test
    void mean_isExactSumOverCount() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v : new long[] {3, 40_000_001, 17}) {
            h.record(v);
        }
        assertEquals(40_000_021 / 3.0, h.mean(), 0);
        assertEquals(3, h.count());
    }

    @Test
    void empty_meanNaN_quantileMinusOne() {
        LatencyHistogram h = new LatencyHistogram();
        assertTrue(Double.isNaN(h.mean()));
        assertEquals(-1, h.quantile(0.99));
    }

    @Test
    void record_negative_refusedNamingField() {
        var e = assertThrows(IllegalArgumentException.class, () -> new LatencyHistogram().record(-1));
        assertTrue(e.getMessage().startsWith("latencyCycles"), e.getMessage());
    }
}
