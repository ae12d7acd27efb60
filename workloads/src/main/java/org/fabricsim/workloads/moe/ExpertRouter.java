package org.fabricsim.workloads.moe;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * Draws each token's top-k routed experts, without replacement, with probabilities proportional to
 * the experts' popularity weights (Vose alias table; a repeated expert is redrawn, cheap while k is
 * much smaller than the number of experts). Hot experts therefore become hot regions of a wafer and
 * hot ranks of an expert-parallel GPU deployment.
 */
public final class ExpertRouter {
    private final int experts;
    private final int activeExperts;
    private final double[] probability;
    private final int[] alias;
    private final RandomGenerator random;
    private final boolean[] picked;

    public ExpertRouter(double[] weights, int activeExperts, RandomGenerator random) {
        this.experts = weights.length;
        if (activeExperts < 1 || activeExperts > experts) {
            throw new IllegalArgumentException("activeExperts: must be in 1.." + experts + ", got " + activeExperts);
        }
        int positive = 0;
        double sum = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights: must be finite and >= 0, got " + w);
            }
            sum += w;
            positive += w > 0 ? 1 : 0;
        }
        if (positive < activeExperts) {
            throw new IllegalArgumentException("weights: only " + positive + " experts have a positive weight, fewer than the "
                    + activeExperts + " each token needs");
        }
        this.activeExperts = activeExperts;
        this.random = random;
        this.picked = new boolean[experts];
        this.probability = new double[experts];
        this.alias = new int[experts];
        buildAlias(weights, sum);
    }

    /** Vose's alias method: O(E) setup, O(1) per draw. */
    private void buildAlias(double[] weights, double sum) {
        int n = experts;
        double[] scaled = new double[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int ns = 0;
        int nl = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] = weights[i] * n / sum;
            if (scaled[i] < 1) {
                small[ns++] = i;
            } else {
                large[nl++] = i;
            }
        }
        while (ns > 0 && nl > 0) {
            int s = small[--ns];
            int l = large[--nl];
            probability[s] = scaled[s];
            alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1;
            if (scaled[l] < 1) {
                small[ns++] = l;
            } else {
                large[nl++] = l;
            }
        }
        while (nl > 0) {
            probability[large[--nl]] = 1;
        }
        while (ns > 0) {
            probability[small[--ns]] = 1;
        }
    }

    public int experts() {
        return experts;
    }

    public int activeExperts() {
        return activeExperts;
    }

    private int drawOne() {
        int i = random.nextInt(experts);
        return random.nextDouble() < probability[i] ? i : alias[i];
    }

    /** Fills {@code out[0..k)} with one token's distinct experts. */
    public void route(int[] out) {
        for (int j = 0; j < activeExperts; j++) {
            int e;
            do {
                e = drawOne();
            } while (picked[e]);
            picked[e] = true;
            out[j] = e;
        }
        for (int j = 0; j < activeExperts; j++) {
            picked[out[j]] = false;
        }
    }

    /** Adds to {@code tokensPerExpert} the expert choices of {@code tokens} tokens. */
    public void routeTokens(int tokens, int[] tokensPerExpert) {
        int[] one = new int[activeExperts];
        for (int t = 0; t < tokens; t++) {
            route(one);
            for (int e : one) {
                tokensPerExpert[e]++;
            }
        }
    }
}
