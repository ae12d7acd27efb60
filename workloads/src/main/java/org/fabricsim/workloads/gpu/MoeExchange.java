package org.fabricsim.workloads.gpu;

import org.fabricsim.fabric.api.Work;

/**
 * One stage's MoE layer bookkeeping, kept for every layer instead of allocated per layer and step: the (token,
 * expert) pairs each source GPU sends each expert rank, the dispatch and combine matrices they become, the pairs
 * and experts each rank serves, and the expert work per GPU. A stage runs one layer at a time and a layer's
 * collective has read its arrays before its completion starts the next layer, so one set per stage suffices
 * (the fabric's contract: the arrays stay unchanged until the collective is done).
 */
final class MoeExchange {
    final int gpus;
    final int ranks;
    final int shard;
    /** Pairs per (source GPU, expert rank), {@code src * ranks + rank}; zero between layers. */
    final int[] toRank;
    final long[][] dispatch;
    final long[][] combine;
    /** Pairs and distinct experts per rank; zero between layers. */
    final long[] pairsOnRank;
    final int[] touchedOnRank;
    final Work[] expertWork;

    MoeExchange(int gpus, int ranks, int shard, boolean exchanges) {
        if (ranks * shard > gpus) {
            throw new IllegalArgumentException("ranks: " + ranks + " x " + shard + " GPUs must fit the stage's " + gpus);
        }
        this.gpus = gpus;
        this.ranks = ranks;
        this.shard = shard;
        this.toRank = exchanges ? new int[gpus * ranks] : null;
        this.dispatch = exchanges ? new long[gpus][gpus] : null;
        this.combine = exchanges ? new long[gpus][gpus] : null;
        this.pairsOnRank = new long[ranks];
        this.touchedOnRank = new int[ranks];
        this.expertWork = new Work[gpus];
    }

    /**
     * Turns the pairs per (source, rank) into each pair of GPUs' dispatch and combine bytes (every GPU of a rank's
     * shard gets its rank's pairs) and zeroes the pair counts. Each written entry is written once, with the product
     * that adding it to a zero matrix gives; the entries never written (GPUs beyond the ranks' shards) stay zero.
     */
    void fillMatrices(long dispatchMsgBytes, long combineMsgBytes) {
        for (int src = 0; src < gpus; src++) {
            long[] out = dispatch[src];
            int dst = 0;
            for (int rank = 0; rank < ranks; rank++) {
                long d = toRank[src * ranks + rank] * dispatchMsgBytes;
                for (int k = 0; k < shard; k++) {
                    out[dst++] = d;
                }
            }
        }
        for (int rank = 0; rank < ranks; rank++) {
            for (int k = 0; k < shard; k++) {
                long[] back = combine[rank * shard + k];
                for (int src = 0; src < gpus; src++) {
                    back[src] = toRank[src * ranks + rank] * combineMsgBytes;
                }
            }
        }
        java.util.Arrays.fill(toRank, 0);
    }

    /** Zeroes the per-rank sums once the layer's expert work is built. */
    void clearRanks() {
        java.util.Arrays.fill(pairsOnRank, 0);
        java.util.Arrays.fill(touchedOnRank, 0);
    }
}
