package org.fabricsim.workloads.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fabricsim.workloads.moe.ExpertLayout;
import org.fabricsim.workloads.moe.ExpertPopularity;
import org.junit.jupiter.api.Test;

class ExpertRanksTest {
    private static final double[] ZIPF_16 = new ExpertPopularity("zipf", 1.0, null).weights(16, null);

    private static double harmonic(int from, int to) {
        double h = 0;
        for (int i = from; i <= to; i++) {
            h += 1.0 / i;
        }
        return h;
    }

    private static double maxLoad(ExpertRanks r) {
        double m = 0;
        for (int rank = 0; rank < r.ranks(); rank++) {
            m = Math.max(m, r.expectedLoad(rank));
        }
        return m;
    }

    @Test
    void everyCopyIsPlacedOnce_andTheRanksExpectedLoadsSumToOne() {
        ExpertRanks r = new ExpertRanks(ExpertLayout.of(ZIPF_16, 5), 4, false);
        int copies = 0;
        double load = 0;
        for (int rank = 0; rank < 4; rank++) {
            copies += r.copiesOn(rank);
            load += r.expectedLoad(rank);
        }
        assertEquals(16 + 5, copies);
        assertEquals(1.0, load, 1e-12);
    }

    @Test
    void aReplica_neverSharesAGpuWithItsOriginal() {
        ExpertLayout l = ExpertLayout.of(ZIPF_16, 16);
        for (boolean roundRobin : new boolean[] {false, true}) {
            ExpertRanks r = new ExpertRanks(l, 4, roundRobin);
            for (int e = 0; e < 16; e++) {
                assertNotEquals(r.rankOf(l.copy(e, 0)), r.rankOf(l.copy(e, 1)), "expert " + e);
            }
        }
    }

    @Test
    void contiguous_putsZipfsHeadOnRankZero_roundRobinDealsItOverEveryRank() {
        ExpertLayout l = ExpertLayout.of(ZIPF_16, 0);
        double h = harmonic(1, 16);
        // contiguous: rank 0 holds experts 0-3, popularity H_4 / H_16
        assertEquals(harmonic(1, 4) / h, maxLoad(new ExpertRanks(l, 4, false)), 1e-12);
        // round robin: rank 0 holds experts 0, 4, 8, 12, popularity (1 + 1/5 + 1/9 + 1/13) / H_16
        assertEquals((1 + 1.0 / 5 + 1.0 / 9 + 1.0 / 13) / h, maxLoad(new ExpertRanks(l, 4, true)), 1e-12);
        // uniform popularity over a multiple of the ranks: either way every rank expects exactly 1 / ep
        ExpertRanks uniform = new ExpertRanks(ExpertLayout.single(16), 4, true);
        for (int rank = 0; rank < 4; rank++) {
            assertEquals(0.25, uniform.expectedLoad(rank), 1e-15);
        }
    }

    @Test
    void replicatingTheBusiestRanksHottestExperts_takesHalfTheirPopularityOffIt() {
        double h = harmonic(1, 16);
        double without = maxLoad(new ExpertRanks(ExpertLayout.of(ZIPF_16, 0), 4, false));
        double with = maxLoad(new ExpertRanks(ExpertLayout.of(ZIPF_16, 2), 4, false));
        // experts 0 and 1 (weights 1 and 1/2) live on rank 0, which stays the busiest: it loses half of 3/2
        assertEquals(without - 0.75 / h, with, 1e-12);
        assertTrue(with < without);
    }

    @Test
    void replicas_withoutASecondRank_areRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ExpertRanks(ExpertLayout.of(ZIPF_16, 1), 1, false));
        assertTrue(e.getMessage().contains("hot_replicas") && e.getMessage().contains("expert_parallel 1"), e.getMessage());
    }
}
