package org.fabricsim.workloads.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.fabricsim.fabric.api.KernelWork;
import org.fabricsim.fabric.api.MathPrecision;
import org.fabricsim.fabric.api.Work;
import org.junit.jupiter.api.Test;

class PhaseWorksTest {
    /**
     * Each group's work covers its tensor-parallel GPUs, and is built again only when the layer's shape changes: a
     * run of equal-shaped layers gets the works the per-group function gives, built once.
     */
    @Test
    void groupsWorks_repeatedOverTheirGpus_builtOncePerRunOfAShape() {
        int groups = 3;
        int tp = 4;
        PhaseWorks phase = new PhaseWorks(groups, tp);
        int[] built = {0};
        int[] shapes = {5, 5, 5, 2, 2, 5};
        for (int shape : shapes) {
            Work[] each = phase.of(shape, g -> {
                built[0]++;
                return KernelWork.streaming(shape * 100 + g, 1, MathPrecision.BF16);
            });
            assertEquals(groups * tp, phase.count());
            Work[] expected = new Work[groups * tp];
            for (int g = 0; g < groups; g++) {
                for (int k = 0; k < tp; k++) {
                    expected[g * tp + k] = KernelWork.streaming(shape * 100 + g, 1, MathPrecision.BF16);
                }
            }
            assertArrayEquals(expected, each);
        }
        // three runs of a shape (5, 2, 5), one build per group each
        assertEquals(3 * groups, built[0]);
    }
}
