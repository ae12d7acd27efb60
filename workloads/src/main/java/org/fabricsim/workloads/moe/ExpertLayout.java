package org.fabricsim.workloads.moe;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The copies of each routed expert of a layer: one of every expert, plus one extra copy of each of the
 * {@code hotReplicas} hottest experts by popularity (ties to the lower index, so a uniform popularity
 * replicates experts 0..N-1). Copies are numbered densely: copy e is expert e's original, copies E..E+N-1 are
 * the extra copies of the hottest, the hottest first. Where a copy lives (a GPU rank, a wafer region) is the
 * system's business; this class only says which copies exist and how much of the routed traffic each is
 * expected to take, a replicated expert's tokens being split evenly over its copies ({@link ReplicaSplitter}).
 */
public final class ExpertLayout {
    private final int experts;
    private final int[][] copiesOfExpert;
    private final int[] expertOfCopy;
    private final double[] copyShare;

    private ExpertLayout(double[] weights, int hotReplicas) {
        experts = weights.length;
        if (hotReplicas < 0 || hotReplicas > experts) {
            throw new IllegalArgumentException("hot_replicas: must be in 0.." + experts + " (the routed experts), got "
                    + hotReplicas);
        }
        double sum = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights: must be finite and >= 0, got " + w);
            }
            sum += w;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("weights: at least one expert needs a positive popularity");
        }
        int[] hottest = IntStream.range(0, experts).boxed()
                .sorted(Comparator.<Integer>comparingDouble(e -> -weights[e]).thenComparingInt(e -> e))
                .limit(hotReplicas).mapToInt(Integer::intValue).toArray();
        copiesOfExpert = new int[experts][];
        for (int e = 0; e < experts; e++) {
            copiesOfExpert[e] = new int[] {e};
        }
        expertOfCopy = new int[experts + hotReplicas];
        for (int e = 0; e < experts; e++) {
            expertOfCopy[e] = e;
        }
        for (int j = 0; j < hotReplicas; j++) {
            int e = hottest[j];
            copiesOfExpert[e] = new int[] {e, experts + j};
            expertOfCopy[experts + j] = e;
        }
        copyShare = new double[expertOfCopy.length];
        for (int c = 0; c < copyShare.length; c++) {
            int e = expertOfCopy[c];
            copyShare[c] = weights[e] / sum / copiesOfExpert[e].length;
        }
    }

    /** The layout for popularity {@code weights} (one per routed expert) with the N hottest replicated once. */
    public static ExpertLayout of(double[] weights, int hotReplicas) {
        return new ExpertLayout(weights, hotReplicas);
    }

    /** One copy of each of {@code experts} equally popular experts (no replicas). */
    public static ExpertLayout single(int experts) {
        double[] w = new double[experts];
        Arrays.fill(w, 1.0);
        return new ExpertLayout(w, 0);
    }

    /** Routed experts. */
    public int experts() {
        return experts;
    }

    /** Copies of all experts together: experts + hot replicas. */
    public int copies() {
        return expertOfCopy.length;
    }

    /** Extra copies (the hot replicas). */
    public int replicas() {
        return expertOfCopy.length - experts;
    }

    /** Copies of one expert (1, or 2 for a replicated one). */
    public int copiesOf(int expert) {
        return copiesOfExpert[expert].length;
    }

    /** Id of the k-th copy of an expert (k = 0 is the original, whose id is the expert's index). */
    public int copy(int expert, int k) {
        return copiesOfExpert[expert][k];
    }

    /** The expert a copy is a copy of. */
    public int expertOf(int copy) {
        return expertOfCopy[copy];
    }

    /** Expected fraction of all (token, expert) choices that a copy serves; the shares sum to 1. */
    public double share(int copy) {
        return copyShare[copy];
    }

    /** The largest expected share any one copy serves: the hot spot replication is meant to cool. */
    public double maxShare() {
        double m = 0;
        for (double s : copyShare) {
            m = Math.max(m, s);
        }
        return m;
    }

    /** A splitter of per-expert token counts over this layout's copies (each engine keeps its own). */
    public ReplicaSplitter splitter() {
        return new ReplicaSplitter(this);
    }
}
