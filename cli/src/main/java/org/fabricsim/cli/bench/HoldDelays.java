package org.fabricsim.cli.bench;

import java.util.SplittableRandom;

/**
 * Exponential inter-event delays (mean 1 s) drawn once and replayed cyclically, so that every engine
 * sees the same delays and the random-number generator's cost is not part of what is measured.
 */
public final class HoldDelays {
    private static final int SIZE = 1 << 16;
    private final double[] delaysS = new double[SIZE];
    private int next;

    public HoldDelays(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < SIZE; i++) {
            delaysS[i] = -Math.log(1.0 - random.nextDouble());
        }
    }

    /** The next delay in seconds. */
    public double next() {
        double d = delaysS[next];
        next = (next + 1) & (SIZE - 1);
        return d;
    }
}
