package org.fabricsim.fabric.wafer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReductionSchemeTest {

    @Test
    void chain_nCores_hasNMinusOneStagesAndHops() {
        assertEquals(15, ReductionScheme.CHAIN.stages(16));
        assertEquals(15, ReductionScheme.CHAIN.reduceHops(16));
        // (n-1)(alpha + beta) to the root, (n-1) alpha back: the PLMR ring cost (2 alpha + beta) (n-1)
        assertEquals(15 * (2 * 1.0 + 10.0), ReductionScheme.CHAIN.allReduceCycles(16, 1.0, 10.0), 1e-9);
    }

    @Test
    void twoLevel_sixteenCores_groupsOfFour() {
        // 4 groups of 4: 3 stages inside a group, 3 stages among the roots
        assertEquals(6, ReductionScheme.TWO_LEVEL.stages(16));
        // 3 hops inside a group, roots 4 apart: 3 x 4 hops
        assertEquals(15, ReductionScheme.TWO_LEVEL.reduceHops(16));
        assertEquals(15 + 6 * 10.0 + 15, ReductionScheme.TWO_LEVEL.allReduceCycles(16, 1.0, 10.0), 1e-9);
    }

    @Test
    void twoLevel_stagesGrowAsSquareRoot() {
        for (int n : new int[] {100, 400, 900}) {
            int s = ReductionScheme.TWO_LEVEL.stages(n);
            assertEquals(2 * (int) Math.sqrt(n) - 2, s, "n=" + n);
        }
        assertTrue(ReductionScheme.TWO_LEVEL.allReduceCycles(700, 1, 30) < ReductionScheme.CHAIN.allReduceCycles(700, 1, 30));
    }

    @Test
    void oneCore_costsNothing() {
        for (ReductionScheme s : ReductionScheme.values()) {
            assertEquals(0, s.allReduceCycles(1, 2, 50), 0);
        }
    }

    @Test
    void bidirectional_sixteenCores_twoHalvesOfEightMeetInTheMiddle() {
        // each half of 8: groups of 3 (2 stages, 2 hops), 3 groups (2 stages, 2 x 3 hops); +1 hop and stage to meet
        assertEquals(2 + 2 + 1, ReductionScheme.BIDIRECTIONAL.stages(16));
        assertEquals(2 + 6 + 1, ReductionScheme.BIDIRECTIONAL.reduceHops(16));
        // the root is core 7 or 8: the far end is 8 hops away
        assertEquals(8, ReductionScheme.BIDIRECTIONAL.broadcastHops(16));
        assertEquals(15, ReductionScheme.TWO_LEVEL.broadcastHops(16));
    }

    @Test
    void bidirectional_neverBeatsTheLineDiameter_andHalvesTheOneEndedTree() {
        for (int n = 2; n <= 1200; n++) {
            int bi = ReductionScheme.BIDIRECTIONAL.reduceHops(n) + ReductionScheme.BIDIRECTIONAL.broadcastHops(n);
            int one = ReductionScheme.TWO_LEVEL.reduceHops(n) + ReductionScheme.TWO_LEVEL.broadcastHops(n);
            // an all-reduce must carry the value of one end to the other: at least n - 1 hops
            assertTrue(bi >= n - 1, "n=" + n + ": " + bi);
            assertTrue(bi <= one, "n=" + n + ": " + bi + " > " + one);
            if (n >= 64) {
                assertTrue(bi <= 0.6 * one, "n=" + n + ": " + bi + " vs " + one);
            }
        }
    }
}
