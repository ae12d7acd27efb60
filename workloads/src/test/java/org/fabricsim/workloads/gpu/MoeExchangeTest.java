package org.fabricsim.workloads.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MoeExchangeTest {
    @Test
    void reusedMatrices_equalFreshOnesSummedPairByPair_layerAfterLayer() {
        SplittableRandom random = new SplittableRandom(3);
        for (int[] shape : new int[][] {{8, 8, 1}, {8, 4, 2}, {16, 2, 8}, {6, 4, 1}}) {
            int gpus = shape[0];
            int ranks = shape[1];
            int shard = shape[2];
            MoeExchange x = new MoeExchange(gpus, ranks, shard, true);
            for (int layer = 0; layer < 5; layer++) {
                long dispatchMsg = 1 + random.nextInt(8000);
                long combineMsg = 1 + random.nextInt(16000);
                int[] pairs = new int[gpus * ranks];
                for (int i = 0; i < pairs.length; i++) {
                    // zeros are common in a decode step: a source often sends a rank nothing
                    pairs[i] = random.nextInt(3) == 0 ? 0 : random.nextInt(40);
                    x.toRank[i] = pairs[i];
                }
                // what the engine allocated per layer: fresh zero matrices, each pair's bytes added
                long[][] dispatch = new long[gpus][gpus];
                long[][] combine = new long[gpus][gpus];
                for (int src = 0; src < gpus; src++) {
                    for (int rank = 0; rank < ranks; rank++) {
                        for (int k = 0; k < shard; k++) {
                            dispatch[src][rank * shard + k] += pairs[src * ranks + rank] * dispatchMsg;
                            combine[rank * shard + k][src] += pairs[src * ranks + rank] * combineMsg;
                        }
                    }
                }
                x.fillMatrices(dispatchMsg, combineMsg);
                for (int i = 0; i < gpus; i++) {
                    assertArrayEquals(dispatch[i], x.dispatch[i], "layer " + layer + ", dispatch row " + i);
                    assertArrayEquals(combine[i], x.combine[i], "layer " + layer + ", combine row " + i);
                }
                assertArrayEquals(new int[gpus * ranks], x.toRank, "the pair counts are zero for the next layer");
            }
        }
    }

    @Test
    void clearRanks_leavesZeroSumsForTheNextLayer() {
        MoeExchange x = new MoeExchange(8, 8, 1, false);
        x.pairsOnRank[3] = 17;
        x.touchedOnRank[5] = 2;
        x.clearRanks();
        assertArrayEquals(new long[8], x.pairsOnRank);
        assertArrayEquals(new int[8], x.touchedOnRank);
        assertEquals(null, x.dispatch, "no exchange: no matrices");
    }
}
