package org.fabricsim.workloads.gpu;

import org.fabricsim.fabric.api.KernelSequence;

/**
 * The MoE expert phases a {@link LayerCostModel} built recently, by their arguments (layer shape, (token, expert)
 * pairs, experts touched, split, shared-expert tokens): a direct-mapped table, each argument tuple in one slot, a
 * newer tuple replacing an older one there. A decode step's ranks see the same few dozen pair and expert counts
 * layer after layer, so most phases are found here instead of rebuilt, and the same instance lets the fabric reuse
 * its time. Bounded: it never holds more than {@link #SLOTS} phases.
 */
final class ExpertPhases {
    static final int SLOTS = 1024;

    private final int[] shapes = new int[SLOTS];
    private final long[] pairs = new long[SLOTS];
    private final int[] touched = new int[SLOTS];
    private final int[] splits = new int[SLOTS];
    private final long[] sharedTokenBits = new long[SLOTS];
    private final KernelSequence[] phases = new KernelSequence[SLOTS];

    /** The phase kept for these arguments, or null. */
    KernelSequence get(int shape, long tokenExpertPairs, int expertsTouched, int split, double sharedTokens) {
        long bits = Double.doubleToLongBits(sharedTokens);
        int s = slot(shape, tokenExpertPairs, expertsTouched, split, bits);
        KernelSequence p = phases[s];
        return p != null && shapes[s] == shape && pairs[s] == tokenExpertPairs && touched[s] == expertsTouched
                && splits[s] == split && sharedTokenBits[s] == bits ? p : null;
    }

    /** Keeps {@code phase} for these arguments (in place of what their slot held). */
    void put(int shape, long tokenExpertPairs, int expertsTouched, int split, double sharedTokens,
            KernelSequence phase) {
        long bits = Double.doubleToLongBits(sharedTokens);
        int s = slot(shape, tokenExpertPairs, expertsTouched, split, bits);
        shapes[s] = shape;
        pairs[s] = tokenExpertPairs;
        touched[s] = expertsTouched;
        splits[s] = split;
        sharedTokenBits[s] = bits;
        phases[s] = phase;
    }

    private static int slot(int shape, long tokenExpertPairs, int expertsTouched, int split, long sharedTokenBits) {
        long h = tokenExpertPairs * 0x9E3779B97F4A7C15L;
        h ^= (expertsTouched + 31L * (split + 31L * shape)) * 0xC2B2AE3D27D4EB4FL;
        h ^= sharedTokenBits * 0x165667B19E3779F9L;
        h ^= h >>> 29;
        return (int) (h ^ (h >>> 32)) & (SLOTS - 1);
    }
}
