package org.fabricsim.fabric.api;

/**
 * Kernels a GPU runs one after another. Its time is the sum of its parts' times in order, a nested
 * sequence counting as one part (so a workload states how the terms group, and a sum comes out the same
 * however the sequence is walked). The sequence holds the array it is given, which a workload builds per
 * phase on the hot path, so the caller leaves the array unchanged afterwards.
 */
public record KernelSequence(Work... parts) implements Work {
    /** The sequence with no kernels: no time, no bytes. */
    public static final KernelSequence EMPTY = new KernelSequence();

    public KernelSequence {
        for (Work w : parts) {
            if (w instanceof MeshWork || w == null) {
                throw new IllegalArgumentException("parts: must be kernels or kernel sequences, got " + w);
            }
        }
    }
}
