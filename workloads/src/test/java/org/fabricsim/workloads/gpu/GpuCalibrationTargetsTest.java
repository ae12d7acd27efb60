package org.fabricsim.workloads.gpu;

import org.fabricsim.workloads.model.ModelRef;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fabricsim.workloads.model.ModelCatalog;
import org.fabricsim.workloads.serving.ServingPolicy;
import org.fabricsim.workloads.serving.Step;
import org.junit.jupiter.api.Test;

/**
 * Single-stream speeds of the published records (benchmarks.md), from one decode step at the scenarios' mean
 * context (128-token prompt, 256 output tokens): 1 / step time is the tok/s per user. Nothing of the kernel model is
 * fitted to them; where no window is asserted, docs/validation.md reports the error.
 */
class GpuCalibrationTargetsTest {

    @Test
    void llama31_8b_oneH100_batch1_staysUnderItsHbmRoofline() {
        double t = GpuEngineTest.stepTime(GpuEngineTest.config("h100", "llama-3.1-8b", 1, 1, 1, null, null), 1, 1, 256,
                false);
        System.out.printf("llama-3.1-8b 1xH100 batch 1: %.3f ms, %.1f tok/s%n", t * 1e3, 1 / t);
        // 15.0 GB of BF16 weights per token at the full 3.35 TB/s: 223 tok/s at most (the published 242 was not plain
        // BF16); the kernels' gaps and latencies keep the model below it, but within a factor of 1.5
        double roofline = 3.35e12 / ModelCatalog.get("llama-3.1-8b").decodeBytesRead(257);
        assertTrue(1 / t < roofline && 1 / t > roofline / 1.5, 1 / t + " vs " + roofline);
    }

    @Test
    void llama31_70b_eightH100_tp8_batch1_within20PercentOf128TokPerS() {
        double t = GpuEngineTest.stepTime(GpuEngineTest.config("h100", "llama-3.1-70b", 8, 1, 1, null, null), 1, 1,
                256, false);
        System.out.printf("llama-3.1-70b 8xH100 TP8 batch 1: %.3f ms, %.1f tok/s%n", t * 1e3, 1 / t);
        assertEquals(128, 1 / t, 0.2 * 128);
    }

    /** DeepSeek-R1 NVFP4 on one 8 x B200 node as TensorRT-LLM ran its min-latency record: TP8 attention, TP4 x EP2 experts. */
    private static GpuSystemConfig r1OnB200(ServingPolicy serving) {
        return new GpuSystemConfig("r1", ModelRef.named("deepseek-r1-nvfp4"), serving, GpuHardware.named("b200"), null, null, 8, 2, 1, 1, null, null, null,
                null, true, null, "all_reduce", null, null, null, null, null);
    }

    /** Tokens per second of one user: mean tokens per step over the step time (1k prompt, mid-way through 2k out). */
    private static double r1TokPerS(int draftTokens, double acceptance) {
        int context = 2000;
        if (draftTokens == 0) {
            return 1 / GpuEngineTest.stepTime(r1OnB200(ServingPolicy.DEFAULT), 1, 1, context, false);
        }
        ServingPolicy.Speculative spec = new ServingPolicy.Speculative(null, 1, draftTokens, acceptance, null);
        ServingPolicy serving = new ServingPolicy(1, 8192, false, spec);
        double step = GpuEngineTest.together(r1OnB200(serving), spec,
                new Step(List.of(new Step.SequenceWork(0, draftTokens + 1, context, false)), draftTokens))[0];
        double tokens = 0;
        for (int i = 0; i <= draftTokens; i++) {
            tokens += Math.pow(acceptance, i);
        }
        return tokens / step;
    }

    /**
     * TensorRT-LLM's min-latency DeepSeek-R1 (tech blog 1: 111 tok/s without MTP, 198 / 250 / 253 with 1 / 2 / 3 MTP
     * layers at per-token acceptance 0.92, 0.853, 0.77): printed for docs/validation.md. Speculation must pay: one
     * draft token accepted 92% of the time yields 1.92 tokens a step for less than 1.92 steps' time.
     */
    @Test
    void deepseekR1_eightB200_speculationRaisesTokensPerSecond() {
        double plain = r1TokPerS(0, 0);
        System.out.printf("deepseek-r1 8xB200 TP8 EP2 batch 1: %.1f tok/s (published 111)%n", plain);
        double[][] cases = {{1, 0.92, 198}, {2, 0.853, 250}, {3, 0.77, 253}};
        for (double[] c : cases) {
            double tps = r1TokPerS((int) c[0], c[1]);
            System.out.printf("deepseek-r1 8xB200 MTP%d: %.1f tok/s (published %.0f)%n", (int) c[0], tps, c[2]);
            assertTrue(tps > plain, "MTP" + (int) c[0] + ": " + tps + " vs " + plain);
        }
    }
}
