package org.fabricsim.workloads.wafer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RegionPackerTest {
    /** The most cells t in [1, m - 1] of a column of h rows whose cells of height h / t hold cores in room columns. */
    private static int bySearch(long cores, int h, int m, int room) {
        int best = -1;
        for (int t = 1; t <= m - 1; t++) {
            if ((cores + h / t - 1) / (h / t) <= room) {
                best = t;
            }
        }
        return best;
    }

    @Test
    void cellsToFitIsTheLargestCellCountThatFitsAsAnExhaustiveSearchFindsIt() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            int h = 1 + r.nextInt(800);
            int m = 1 + r.nextInt(h);
            int room = r.nextInt(1200);
            long cores = 1 + r.nextLong(2_000_000);
            assertEquals(bySearch(cores, h, m, room), RegionPacker.cellsToFit(cores, h, m, room),
                    "cores " + cores + ", h " + h + ", m " + m + ", room " + room);
        }
    }
}
