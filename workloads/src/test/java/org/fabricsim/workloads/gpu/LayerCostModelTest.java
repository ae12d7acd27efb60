package org.fabricsim.workloads.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fabricsim.fabric.gpu.GpuCalibration;
import org.fabricsim.fabric.gpu.GpuSpec;
import org.fabricsim.fabric.gpu.KernelModel;
import org.fabricsim.workloads.model.LayerSpec;
import org.fabricsim.workloads.model.MatrixSpec;
import org.fabricsim.workloads.model.ModelCatalog;
import org.fabricsim.workloads.model.ModelSpec;
import org.junit.jupiter.api.Test;

class LayerCostModelTest {

    /**
     * MLA's absorbed decode is five dependent projection GEMMs around attention (q_a with kv_a, q_b, kv_b's key half,
     * kv_b's value half, o), so one token's attention phase costs at least five GEMM floors; and splitting kv_b in two
     * reads every attention weight exactly once (byte conservation against the HBM meter).
     */
    @Test
    void mlaAttention_isFiveDependentGemms_readingEachWeightOnce() {
        ModelSpec m = ModelCatalog.get("deepseek-r1-nvfp4");
        int tp = 8;
        GpuPlacement p = GpuEngineTest.config("b200", m.name(), tp, 2, 1, null, null).placement(m, null);
        KernelModel k = new KernelModel(GpuSpec.named("b200"), GpuCalibration.DEFAULT, true);
        HbmMeter meter = new HbmMeter(1);
        LayerCostModel cost = new LayerCostModel(p, k, m, true, meter).on(new int[] {0});
        LayerSpec layer = m.layers().get(0);
        double t = cost.attentionS(layer, 1, 0, 0);
        double floor = GpuCalibration.DEFAULT.gemmKernelFloorS() + k.launchOverheadS();
        assertTrue(t >= 5 * floor, t + " s");
        assertTrue(t < 6 * floor, "no sixth GEMM: " + t + " s");
        double weights = 0;
        for (MatrixSpec a : layer.attention()) {
            weights += p.bytes(a) / (double) tp;
        }
        // activations: 1 token's inputs and outputs of every kernel, 2 bytes each, bounded by a few hidden vectors per matrix
        double activations = layer.attention().size() * 3 * m.hiddenSize() * 2.0 * 4;
        assertTrue(meter.totalBytes() >= weights, meter.totalBytes() + " < " + weights);
        assertTrue(meter.totalBytes() <= weights + activations, meter.totalBytes() + " > " + (weights + activations));
    }

    /** GQA keeps q, k and v in one kernel: two projection GEMMs around attention, each at least the floor. */
    @Test
    void gqaAttention_isTwoProjectionGemms() {
        ModelSpec m = ModelCatalog.get("llama-3.1-70b");
        GpuPlacement p = GpuEngineTest.config("h100", m.name(), 8, 1, 1, null, null).placement(m, null);
        KernelModel k = new KernelModel(GpuSpec.named("h100"), GpuCalibration.DEFAULT, true);
        LayerCostModel cost = new LayerCostModel(p, k, m, true, null).on(new int[] {0});
        double floor = GpuCalibration.DEFAULT.gemmKernelFloorS() + k.launchOverheadS();
        double t = cost.attentionS(m.layers().get(0), 1, 0, 0);
        assertTrue(t >= 2 * floor && t < 3 * floor, t + " s");
        assertEquals(0, cost.attentionS(m.layers().get(0), 0, 0, 0));
    }
}
