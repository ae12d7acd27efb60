package org.fabricsim.workloads.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The single-stream calibration targets of fabricsim issue 4 (benchmarks.md), from one decode step at the
 * scenarios' mean context (128-token prompt, 256 output tokens): 1 / step time is the tok/s per user.
 */
class GpuCalibrationTargetsTest {

    @Test
    void llama31_8b_oneH100_batch1_within20PercentOf242TokPerS() {
        double t = GpuEngineTest.stepTime(GpuEngineTest.config("h100", "llama-3.1-8b", 1, 1, 1, null, null), 1, 1, 256,
                false);
        System.out.printf("llama-3.1-8b 1xH100 batch 1: %.3f ms, %.1f tok/s%n", t * 1e3, 1 / t);
        assertEquals(242, 1 / t, 0.2 * 242);
    }

    @Test
    void llama31_70b_eightH100_tp8_batch1_within20PercentOf128TokPerS() {
        double t = GpuEngineTest.stepTime(GpuEngineTest.config("h100", "llama-3.1-70b", 8, 1, 1, null, null), 1, 1,
                256, false);
        System.out.printf("llama-3.1-70b 8xH100 TP8 batch 1: %.3f ms, %.1f tok/s%n", t * 1e3, 1 / t);
        assertEquals(128, 1 / t, 0.2 * 128);
    }
}
