package org.fabricsim.fabric.api;

import java.util.List;

/**
 * Kernels a GPU runs one after another. Its time is the sum of its parts' times in order, a nested
 * sequence counting as one part (so a workload states how the terms group, and a sum comes out the same
 * however the sequence is walked).
 */
public record KernelSequence(List<Work> parts) implements Work {
    /** The sequence with no kernels: no time, no bytes. */
    public static final KernelSequence EMPTY = new KernelSequence(List.of());

    public KernelSequence {
        parts = List.copyOf(parts);
        for (Work w : parts) {
            if (!(w instanceof KernelWork) && !(w instanceof KernelSequence)) {
                throw new IllegalArgumentException("parts: must be kernels or kernel sequences, got " + w);
            }
        }
    }

    public static KernelSequence of(Work... parts) {
        return new KernelSequence(List.of(parts));
    }
}
