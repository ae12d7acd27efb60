package org.fabricsim.workloads.gpu;

import java.util.function.IntFunction;
import org.fabricsim.fabric.api.Work;

/**
 * One phase's kernels for every GPU of a stage in one pass (each attention group's work, repeated for its
 * tensor-parallel GPUs), kept while the pass's layers have the same shape ({@link LayerCostModel#shape}): within a
 * pass the batch does not change, so a phase of equal-shaped layers is the same work, built once for all of them
 * instead of once per layer.
 */
final class PhaseWorks {
    private final int groups;
    private final int tp;
    private final Work[] each;
    private int shape = -1;

    PhaseWorks(int groups, int tp) {
        this.groups = groups;
        this.tp = tp;
        this.each = new Work[groups * tp];
    }

    /**
     * The phase's work per GPU of the stage for a layer of {@code shape}: {@code perGroup}'s work of each group, built
     * only when the last layer asked for had another shape. The array is this phase's own: read it, do not keep it.
     */
    Work[] of(int shape, IntFunction<Work> perGroup) {
        if (shape != this.shape) {
            for (int g = 0; g < groups; g++) {
                Work w = perGroup.apply(g);
                for (int k = 0; k < tp; k++) {
                    each[g * tp + k] = w;
                }
            }
            this.shape = shape;
        }
        return each;
    }

    /** GPUs the phase's work covers: the groups' tensor-parallel GPUs. */
    int count() {
        return each.length;
    }
}
