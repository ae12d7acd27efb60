package org.fabricsim.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A distribution whose values went to disk gives every stat a distribution held in memory gives. */
class SpilledDistributionTest {
    @TempDir
    Path spill;

    /** Latency-like values with many repeats (a step time shared by a batch) and ties at zero. */
    private static double[] values(long seed, int n) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(4);
            v[i] = kind == 0 ? 0.0 : kind == 1 ? 0.02 * (1 + r.nextInt(5)) : r.nextDouble() * Math.pow(10, -r.nextInt(6));
        }
        return v;
    }

    @Test
    void spilledStats_equalInMemoryStats_forCountsAcrossTheBlock() throws IOException {
        for (int n : new int[] {1, 7, ValueStore.BLOCK, ValueStore.BLOCK + 1, 5 * ValueStore.BLOCK + 123}) {
            double[] v = values(n, n);
            Distribution memory = new Distribution();
            Distribution disk = new Distribution(spill);
            for (double x : v) {
                memory.record(x);
                disk.record(x);
            }
            for (String stat : Distribution.STATS) {
                assertEquals(memory.stat(stat), disk.stat(stat), 0, stat + " of " + n);
            }
        }
        try (Stream<Path> files = Files.list(spill)) {
            assertEquals(true, files.findAny().isPresent(), "the larger counts spilled");
        }
    }

    @Test
    void takingInReplications_givesTheStatsOfAllTheirValuesRecordedInOrder() {
        Distribution all = new Distribution();
        Distribution union = new Distribution();
        for (int rep = 0; rep < 3; rep++) {
            Distribution one = new Distribution(rep == 1 ? null : spill); // spilled and in-memory parts mixed
            for (double x : values(100 + rep, 3 * ValueStore.BLOCK + rep)) {
                one.record(x);
                all.record(x);
            }
            union.addAll(one);
        }
        for (String stat : Distribution.STATS) {
            assertEquals(all.stat(stat), union.stat(stat), 0, stat);
        }
    }

    @Test
    void nearestRank_picksTheSampleCommonsMathR1Picks() {
        Percentile r1 = new Percentile().withEstimationType(Percentile.EstimationType.R_1);
        for (int n = 1; n <= 2100; n += n < 40 ? 1 : 97) {
            double[] ranks = new double[n];
            for (int i = 0; i < n; i++) {
                ranks[i] = i;
            }
            for (double p : new double[] {0.1, 1, 25, 50, 90, 99, 99.9, 100}) {
                assertEquals(r1.evaluate(ranks, p), Distribution.nearestRank(p, n), 0, "p" + p + " of " + n);
            }
        }
    }
}
