package org.fabricsim.workloads.gpu;

import java.util.Arrays;
import org.fabricsim.fabric.api.KernelSequence;
import org.fabricsim.fabric.api.Work;

/** A phase's kernels as {@link LayerCostModel} adds them, in an array sized for the most a phase adds. */
final class PhaseKernels {
    private final Work[] parts;
    private int count;

    PhaseKernels(int capacity) {
        this.parts = new Work[capacity];
    }

    void add(Work w) {
        parts[count++] = w;
    }

    KernelSequence sequence() {
        return new KernelSequence(count == parts.length ? parts : Arrays.copyOf(parts, count));
    }
}
