package org.fabricsim.workloads.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fabricsim.fabric.gpu.GpuCalibration;
import org.fabricsim.fabric.gpu.GpuSpec;
import org.fabricsim.workloads.model.ModelCatalog;
import org.fabricsim.workloads.model.ModelSpec;
import org.fabricsim.workloads.model.Precision;
import org.junit.jupiter.api.Test;

class GpuPlacementTest {
    private static final GpuCalibration CAL = GpuCalibration.DEFAULT;

    private static GpuPlacement place(String model, GpuSpec gpu, int tp, int ep, int pp, Precision override) {
        return new GpuPlacement(ModelCatalog.get(model), null, gpu, CAL, tp, ep, pp, 1, override, 1.0);
    }

    @Test
    void llama8b_onOneH100_holdsAllWeights_andTheRestIsKvCache() {
        ModelSpec m = ModelCatalog.get("llama-3.1-8b");
        GpuPlacement p = place("llama-3.1-8b", GpuSpec.H100_SXM, 1, 1, 1, null);
        assertEquals(m.weightBytes(), p.weightBytesPerGpu(0));
        long usable = (long) (80e9 * (1 - CAL.workspaceFractionOfHbm()));
        assertEquals((usable - m.weightBytes()) / m.kvBytesPerToken(), p.kvCapacityTokens(), 1.0);
    }

    @Test
    void llama70b_onOneH100_isRefused_sayingByHowMuch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> place("llama-3.1-70b", GpuSpec.H100_SXM, 1, 1, 1, null));
        double shortGb = (ModelCatalog.get("llama-3.1-70b").weightBytes() - 80e9 * 0.9) / 1e9;
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
        assertTrue(e.getMessage().contains(String.format(java.util.Locale.ROOT, "short by %.2f GB", shortGb)),
                e.getMessage());
    }

    @Test
    void tensorParallel_splitsWeightsAndKvEvenly() {
        ModelSpec m = ModelCatalog.get("llama-3.1-70b");
        GpuPlacement p = place("llama-3.1-70b", GpuSpec.H100_SXM, 8, 1, 1, null);
        assertEquals(m.weightBytes() / 8.0, p.weightBytesPerGpu(0), m.weightBytes() * 1e-6);
        assertEquals(m.kvBytesPerToken() / 8.0, p.kvBytesPerTokenPerGpu(0), 1e-9);
    }

    @Test
    void tensorParallel_beyondTheKvHeads_copiesThem_insteadOfSplittingFurther() {
        // Llama 3.1 70B: 64 query heads over 8 KV heads; 16 ranks hold two copies of each KV head
        GpuPlacement tp8 = place("llama-3.1-70b", GpuSpec.H100_SXM, 8, 1, 1, null);
        GpuPlacement tp16 = place("llama-3.1-70b", GpuSpec.H100_SXM, 16, 1, 1, null);
        assertEquals(tp8.kvBytesPerTokenPerGpu(0), tp16.kvBytesPerTokenPerGpu(0), 1e-9);
        assertEquals(tp8.weightBytesPerGpu(0) / 2.0, tp16.weightBytesPerGpu(0), 1e-6 * tp8.weightBytesPerGpu(0),
                "the weights still halve");
    }

    @Test
    void tensorParallel_thatSplitsAHead_isRefused() {
        for (int tp : new int[] {3, 48, 1024}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> place("llama-3.1-8b", GpuSpec.H100_SXM, tp, 1, 1, null));
            assertTrue(e.getMessage().startsWith("tensor_parallel: must divide llama-3.1-8b's 32 attention heads, got "
                    + tp), e.getMessage());
        }
    }

    @Test
    void fp8Override_halvesLinearWeights_of70bOnOneH200() {
        ModelSpec m = ModelCatalog.get("llama-2-70b");
        GpuPlacement bf16 = assertThrowsOrPlace(m);
        GpuPlacement fp8 = place("llama-2-70b", GpuSpec.H200, 1, 1, 1, Precision.FP8);
        long tables = m.embedding().bytes() + m.lmHead().bytes();
        assertEquals((m.weightBytes() - tables) / 2.0 + tables, fp8.weightBytesPerGpu(0), 1e6);
        assertTrue(bf16 == null, "70B at BF16 (138 GB) does not fit a 141 GB H200 less workspace");
    }

    private static GpuPlacement assertThrowsOrPlace(ModelSpec m) {
        try {
            return place(m.name(), GpuSpec.H200, 1, 1, 1, null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Test
    void pipelineStages_coverEveryLayerOnce() {
        GpuPlacement p = place("llama-3.1-70b", GpuSpec.H100_SXM, 2, 1, 3, null);
        assertEquals(0, p.stageStart(0));
        assertEquals(80, p.stageEnd(2));
        for (int s = 0; s < 2; s++) {
            assertEquals(p.stageEnd(s), p.stageStart(s + 1));
        }
        assertEquals(2 * 3, p.gpusPerReplica());
    }

    @Test
    void kimi_expertParallel_putsAnEighthOfTheRoutedExpertsOnEachGpu() {
        ModelSpec m = ModelCatalog.get("kimi-k2.6");
        GpuPlacement p = place("kimi-k2.6", GpuSpec.H200, 8, 8, 1, null);
        long routed = 0;
        for (var layer : m.layers()) {
            if (layer.moe() != null) {
                routed += (long) layer.moe().routedExperts() * layer.moe().expertBytes();
            }
        }
        long rest = m.weightBytes() - routed;
        assertEquals(m.weightBytes() / 8.0, p.weightBytesPerGpu(0), rest, "routed experts split 8 ways");
        assertThrows(IllegalArgumentException.class, () -> place("kimi-k2.6", GpuSpec.H100_SXM, 8, 8, 1, null),
                "0.58 TB of INT4 experts does not fit 8 x 80 GB");
    }

    @Test
    void mlaKvCache_isNotSplitByTensorParallel() {
        ModelSpec m = ModelCatalog.get("deepseek-v3");
        GpuPlacement p = place("deepseek-v3", GpuSpec.B200, 8, 8, 1, null);
        assertEquals(m.kvBytesPerToken(), p.kvBytesPerTokenPerGpu(0), 1e-6);
    }

    private static GpuPlacement kimiOnH200(int hotReplicas) {
        return new GpuPlacement(ModelCatalog.get("kimi-k2.6"), null, GpuSpec.H200, CAL, 1, 8, 1, 1, null, 1.0,
                new org.fabricsim.workloads.moe.ExpertPlacement(null, hotReplicas),
                new org.fabricsim.workloads.moe.ExpertPopularity("zipf", 1.0, null));
    }

    @Test
    void hotReplicas_addExactlyTheirOwnWeightBytes_toWhatTheGpusHold() {
        ModelSpec m = ModelCatalog.get("kimi-k2.6");
        long expertBytes = 0;
        for (org.fabricsim.workloads.model.MatrixSpec x : m.layers().get(m.layerCount() - 1).moe().expert()) {
            expertBytes += x.bytes();
        }
        long without = kimiOnH200(0).placedWeightBytes(0);
        long with = kimiOnH200(32).placedWeightBytes(0);
        assertEquals(32L * m.moeLayerCount() * expertBytes, with - without);
        assertTrue(kimiOnH200(32).weightBytesPerGpu(0) > kimiOnH200(0).weightBytesPerGpu(0),
                "the ranks that took replicas hold more");
        assertTrue(kimiOnH200(32).kvCapacityTokens() < kimiOnH200(0).kvCapacityTokens(),
                "replica weights come out of the KV cache");
    }

    @Test
    void hotReplicas_thatNoLongerFit_areRefusedSayingSo() {
        // replicating every expert doubles ~70 GB of experts per GPU past the H200's 127 GB usable
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> kimiOnH200(384));
        assertTrue(e.getMessage().contains("does not fit") && e.getMessage().contains("384 hot-expert replicas"),
                e.getMessage());
    }
}
