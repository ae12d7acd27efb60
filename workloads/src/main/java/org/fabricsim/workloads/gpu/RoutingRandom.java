package org.fabricsim.workloads.gpu;

import java.util.SplittableRandom;
import org.apache.commons.math3.random.BitsStreamGenerator;

/**
 * The generator behind sampled expert routing: SplitMix64 ({@link SplittableRandom}; Steele, Lea and Flood,
 * OOPSLA 2014, passes BigCrush), seeded once from the replica's named stream. A model choice for speed only:
 * routing draws two numbers per (token, expert, MoE layer), half a million for one 1,000-token Kimi prefill,
 * and Well19937c's three 32-bit words per draw made them most of a MoE step's wall time. The distribution
 * routed is the same; only the pseudo-random sequence differs.
 */
final class RoutingRandom extends BitsStreamGenerator {
    private static final long serialVersionUID = 1L;
    private transient SplittableRandom random;

    RoutingRandom(long seed) {
        random = new SplittableRandom(seed);
    }

    @Override
    public void setSeed(int seed) {
        setSeed((long) seed);
    }

    @Override
    public void setSeed(int[] seed) {
        long s = 0;
        for (int word : seed) {
            s = s * 0x9E3779B97F4A7C15L + word;
        }
        setSeed(s);
    }

    @Override
    public void setSeed(long seed) {
        random = new SplittableRandom(seed);
        clear();
    }

    @Override
    protected int next(int bits) {
        return random.nextInt() >>> (32 - bits);
    }

    @Override
    public int nextInt(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n: must be positive, got " + n);
        }
        return random.nextInt(n);
    }

    @Override
    public double nextDouble() {
        return random.nextDouble();
    }

    @Override
    public long nextLong() {
        return random.nextLong();
    }
}
