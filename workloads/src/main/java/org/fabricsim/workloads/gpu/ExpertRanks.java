package org.fabricsim.workloads.gpu;

import org.fabricsim.workloads.moe.ExpertLayout;
import org.fabricsim.workloads.moe.ExpertPlacement;

/**
 * Which expert-parallel rank holds each copy of a layer's routed experts. The originals go by the policy:
 * contiguous (rank r holds experts r*ceil(E/ep) onward, as Megatron and vLLM lay them out by default) or
 * round_robin (expert e on rank e mod ep). Each hot replica then goes, hottest first, to the rank with the
 * least expected load (the summed expected shares of the copies it holds) among the ranks that do not hold the
 * expert yet, ties to the lower rank: the greedy rule of DeepSeek's expert-parallel load balancer (EPLB), which
 * a second copy on the same GPU could not help.
 */
final class ExpertRanks {
    private final ExpertLayout layout;
    private final int[] rankOfCopy;
    private final int[] copiesOnRank;
    private final double[] expectedLoad;

    ExpertRanks(ExpertLayout layout, int ep, boolean roundRobin) {
        if (layout.replicas() > 0 && ep < 2) {
            throw new IllegalArgumentException("expert_placement.hot_replicas: a replica must go on another GPU than"
                    + " its expert's, so it needs expert_parallel >= 2, got expert_parallel " + ep);
        }
        this.layout = layout;
        int experts = layout.experts();
        int perRank = (experts + ep - 1) / ep;
        rankOfCopy = new int[layout.copies()];
        java.util.Arrays.fill(rankOfCopy, -1);
        copiesOnRank = new int[ep];
        expectedLoad = new double[ep];
        for (int e = 0; e < experts; e++) {
            put(e, roundRobin ? e % ep : e / perRank);
        }
        for (int c = experts; c < layout.copies(); c++) {
            int e = layout.expertOf(c);
            int best = -1;
            for (int r = 0; r < ep; r++) {
                if (!holds(r, e) && (best < 0 || expectedLoad[r] < expectedLoad[best])) {
                    best = r;
                }
            }
            put(c, best);
        }
    }

    /** Contiguous blocks, no replicas (what a draft model's experts get). */
    static ExpertRanks contiguous(int experts, int ep) {
        return new ExpertRanks(ExpertLayout.single(experts), ep, false);
    }

    /** The ranks for a layout under a placement policy. */
    static ExpertRanks of(ExpertLayout layout, int ep, ExpertPlacement placement) {
        return new ExpertRanks(layout, ep, placement.roundRobin());
    }

    private void put(int copy, int rank) {
        rankOfCopy[copy] = rank;
        copiesOnRank[rank]++;
        expectedLoad[rank] += layout.share(copy);
    }

    private boolean holds(int rank, int expert) {
        for (int k = 0; k < layout.copiesOf(expert); k++) {
            if (rankOfCopy[layout.copy(expert, k)] == rank) {
                return true;
            }
        }
        return false;
    }

    ExpertLayout layout() {
        return layout;
    }

    /** Expert-parallel ranks. */
    int ranks() {
        return copiesOnRank.length;
    }

    /** The rank holding a copy. */
    /** The rank of each copy, indexed by copy (the array itself: read, never written). */
    int[] ranksOfCopies() {
        return rankOfCopy;
    }

    int rankOf(int copy) {
        return rankOfCopy[copy];
    }

    /** Expert copies (weights) a rank holds. */
    int copiesOn(int rank) {
        return copiesOnRank[rank];
    }

    /** The most copies any rank holds: what sizes every rank's expert memory. */
    int maxCopiesOnRank() {
        int m = 0;
        for (int c : copiesOnRank) {
            m = Math.max(m, c);
        }
        return m;
    }

    /** Expected fraction of the layer's (token, expert) choices a rank serves; they sum to 1. */
    double expectedLoad(int rank) {
        return expectedLoad[rank];
    }
}
