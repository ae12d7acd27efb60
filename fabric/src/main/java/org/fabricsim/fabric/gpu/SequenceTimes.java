package org.fabricsim.fabric.gpu;

import org.fabricsim.fabric.api.KernelSequence;

/**
 * Kernel sequences a GPU fabric timed recently, by identity: each one's time and the HBM bytes of its kernels in
 * order, so that a sequence a workload hands over again (a phase of a step's equal layers, an expert phase seen
 * before) is timed by a look-up and metered by adding the same bytes in the same order, the same doubles as
 * walking it again. A direct-mapped table of {@link #SLOTS} entries: a sequence whose slot another took is timed
 * afresh. Sequences are immutable ({@link KernelSequence}), so a kept time stays right.
 */
final class SequenceTimes {
    static final int SLOTS = 4096;

    private final KernelSequence[] sequences = new KernelSequence[SLOTS];
    private final double[] seconds = new double[SLOTS];
    private final double[][] hbmBytes = new double[SLOTS][];

    /** The slot that holds {@code s}, or -1 when it is not kept. */
    int find(KernelSequence s) {
        int i = slot(s);
        return sequences[i] == s ? i : -1;
    }

    /** The time kept in slot {@code slot}. */
    double seconds(int slot) {
        return seconds[slot];
    }

    /** The HBM bytes of each kernel kept in slot {@code slot}, in the sequence's order (do not modify). */
    double[] hbmBytes(int slot) {
        return hbmBytes[slot];
    }

    /** Keeps {@code s}'s time and its kernels' HBM bytes in order, in place of what held its slot. */
    void keep(KernelSequence s, double secondsOfS, double[] hbmBytesOfS) {
        int i = slot(s);
        sequences[i] = s;
        seconds[i] = secondsOfS;
        hbmBytes[i] = hbmBytesOfS;
    }

    private static int slot(KernelSequence s) {
        int h = System.identityHashCode(s);
        return (h ^ (h >>> 9) ^ (h >>> 18)) & (SLOTS - 1);
    }
}
