package org.fabricsim.workloads.moe;

import java.util.SplittableRandom;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Draws each token's top-k routed experts, without replacement, with probabilities proportional to
 * the experts' popularity weights (Vose alias table; a repeated expert is redrawn, cheap while k is
 * much smaller than the number of experts). Hot experts therefore become hot regions of a wafer and
 * hot ranks of an expert-parallel GPU deployment.
 *
 * <p>Draws are the hottest loop of an MoE run (a 1,000-token prefill on a 61-layer, top-8 model is ~500k
 * of them), so they come from a {@link SplittableRandom} seeded once from the caller's named stream: one
 * 64-bit value per draw, its high 32 bits picking the column of the alias table and its low 32 bits
 * deciding between the column and its alias (a uniform of 2^-32 resolution; the index's bias is below
 * n / 2^32). Deterministic for a given stream.
 */
public final class ExpertRouter {
    private final int experts;
    private final int activeExperts;
    private final double[] probability;
    private final int[] alias;
    private final SplittableRandom random;
    private final boolean[] picked;
    private final boolean equalWeights;

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
        this.equalWeights = java.util.Arrays.stream(weights).allMatch(w -> w == weights[0]);
        this.random = new SplittableRandom(random.nextLong());
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
        long x = random.nextLong();
        int i = (int) (((x >>> 32) * experts) >>> 32);
        return (x & 0xffffffffL) * 0x1.0p-32 < probability[i] ? i : alias[i];
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

    /**
     * Adds to {@code tokensPerExpert} the expert choices of {@code tokens} tokens: token by token below
     * {@link #AGGREGATE_TOKENS}; at and above it (a prefill chunk) the counts are drawn at once, in O(E)
     * instead of O(tokens x k). Tokens route independently, so an expert's count is exactly
     * Binomial(tokens, its probability of being among a token's k); each expert is drawn so, and the
     * total is then brought to exactly tokens x k by adding or removing single choices at experts drawn by
     * popularity (about sqrt(tokens x k) of them), which stands in for the experts' negative correlation.
     */
    public void routeTokens(int tokens, int[] tokensPerExpert) {
        if (tokens >= AGGREGATE_TOKENS) {
            aggregate(tokens, tokensPerExpert);
            return;
        }
        int[] one = new int[activeExperts];
        for (int t = 0; t < tokens; t++) {
            route(one);
            for (int e : one) {
                tokensPerExpert[e]++;
            }
        }
    }

    /** Tokens from which {@link #routeTokens} draws counts at once rather than token by token. */
    public static final int AGGREGATE_TOKENS = 128;

    /**
     * Tokens drawn one by one to estimate the inclusion probabilities of unequal weights (their relative
     * error is ~1 / sqrt(this x k / E): 2% for an average expert of 8 in 384).
     */
    private static final int INCLUSION_SAMPLE_TOKENS = 100_000;

    private double[] inclusion;

    /**
     * Each expert's probability of being among one token's k, divided by k (so they sum to 1): exactly
     * 1 / E for equal weights; otherwise estimated once from a sample of tokens (weighted draws without
     * replacement have no closed form), on a generator of its own so the routing stream is unchanged.
     */
    private double[] inclusion() {
        if (inclusion != null) {
            return inclusion;
        }
        double[] p = new double[experts];
        if (equalWeights) {
            java.util.Arrays.fill(p, 1.0 / experts);
        } else {
            ExpertRouter sampler = new ExpertRouter(this, random.split());
            int[] counts = new int[experts];
            int[] one = new int[activeExperts];
            for (int t = 0; t < INCLUSION_SAMPLE_TOKENS; t++) {
                sampler.route(one);
                for (int e : one) {
                    counts[e]++;
                }
            }
            for (int e = 0; e < experts; e++) {
                p[e] = counts[e] / ((double) INCLUSION_SAMPLE_TOKENS * activeExperts);
            }
        }
        inclusion = p;
        return p;
    }

    /** A copy sharing the alias table, drawing from {@code random}. */
    private ExpertRouter(ExpertRouter of, SplittableRandom random) {
        this.experts = of.experts;
        this.activeExperts = of.activeExperts;
        this.probability = of.probability;
        this.alias = of.alias;
        this.random = random;
        this.picked = new boolean[experts];
        this.equalWeights = of.equalWeights;
    }

    private void aggregate(int tokens, int[] out) {
        double[] p = inclusion();
        int[] c = new int[experts];
        long total = 0;
        for (int e = 0; e < experts; e++) {
            c[e] = (int) binomial(tokens, Math.min(1, p[e] * activeExperts));
            total += c[e];
        }
        for (long want = (long) tokens * activeExperts; total != want; ) {
            int e = drawOne();
            if (total < want && c[e] < tokens) {
                c[e]++;
                total++;
            } else if (total > want && c[e] > 0) {
                c[e]--;
                total--;
            }
        }
        for (int e = 0; e < experts; e++) {
            out[e] += c[e];
        }
    }

    /**
     * A binomial draw: by inversion (summing the pmf from 0, O(mean) steps) while the variance is small,
     * by the rounded normal approximation once it is at least 9 (the usual rule for it), clamped to [0, n].
     */
    private long binomial(long n, double p) {
        if (p <= 0) {
            return 0;
        }
        if (p > 0.5) {
            return n - binomial(n, 1 - p);
        }
        double mean = n * p;
        double variance = mean * (1 - p);
        if (variance >= 9) {
            long c = Math.round(mean + Math.sqrt(variance) * random.nextGaussian());
            return Math.max(0, Math.min(n, c));
        }
        double u = random.nextDouble();
        double q = 1 - p;
        double pmf = Math.pow(q, n);
        double cdf = pmf;
        long k = 0;
        while (u > cdf && k < n) {
            pmf *= (double) (n - k) / (k + 1) * p / q;
            k++;
            cdf += pmf;
        }
        return k;
    }
}
