package org.fabricsim.workloads.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.api.KernelSequence;
import org.fabricsim.fabric.api.KernelWork;
import org.fabricsim.fabric.api.Work;
import org.fabricsim.fabric.gpu.FabricTopology;
import org.fabricsim.fabric.gpu.GpuCalibration;
import org.fabricsim.fabric.gpu.GpuClusterSpec;
import org.fabricsim.fabric.gpu.GpuFabric;
import org.fabricsim.fabric.gpu.GpuSpec;
import org.fabricsim.fabric.gpu.Interconnect;
import org.fabricsim.workloads.model.LayerSpec;
import org.fabricsim.workloads.model.MatrixSpec;
import org.fabricsim.workloads.model.ModelCatalog;
import org.fabricsim.workloads.model.ModelSpec;
import org.junit.jupiter.api.Test;

class LayerCostModelTest {
    private final Timeline timeline = new Timeline();

    /** A one-node fabric of the named GPU with one replica of one GPU. */
    private GpuFabric fabric(String gpu) {
        return new GpuFabric(GpuClusterSpec.standard(GpuSpec.named(gpu), 1, Interconnect.NDR,
                FabricTopology.RAIL_OPTIMIZED), GpuCalibration.DEFAULT, true, "auto", timeline, 1, 1);
    }

    /** Simulated seconds GPU 0 of {@code fabric} takes for {@code work}. */
    private double seconds(GpuFabric fabric, Work work) {
        double start = timeline.now();
        double[] end = {Double.NaN};
        fabric.begin(() -> fabric.compute(0, work, () -> fabric.deliver(() -> end[0] = timeline.now())));
        timeline.run();
        return end[0] - start;
    }

    /** GEMM kernels in a phase's work, nested sequences included. */
    private static int gemms(Work w) {
        if (w instanceof KernelWork k) {
            return k.gemm() != null ? 1 : 0;
        }
        int n = 0;
        for (Work part : ((KernelSequence) w).parts()) {
            n += gemms(part);
        }
        return n;
    }

    /**
     * MLA's absorbed decode is five dependent projection GEMMs around attention (q_a with kv_a, q_b, kv_b's key half,
     * kv_b's value half, o), each paying at least a launch and an HBM latency; and splitting kv_b in two reads every
     * attention weight exactly once (byte conservation against the HBM meter).
     */
    @Test
    void mlaAttention_isFiveDependentGemms_readingEachWeightOnce() {
        ModelSpec m = ModelCatalog.get("deepseek-r1-nvfp4");
        int tp = 8;
        GpuPlacement p = GpuEngineTest.config("b200", m.name(), tp, 2, 1, null, null).placement(m, null);
        GpuFabric f = fabric("b200");
        LayerCostModel cost = new LayerCostModel(p, m, true);
        LayerSpec layer = m.layers().get(0);
        Work phase = cost.attention(layer, 1, 0, 0);
        assertEquals(5, gemms(phase));
        double t = seconds(f, phase);
        assertTrue(t >= 5 * (f.launchOverheadS() + GpuSpec.B200.hbmLatencyS()), t + " s");
        double weights = 0;
        for (MatrixSpec a : layer.attention()) {
            weights += p.bytes(a) / (double) tp;
        }
        // activations: 1 token's inputs and outputs of every kernel, 2 bytes each, bounded by a few hidden vectors per matrix
        double activations = layer.attention().size() * 3 * m.hiddenSize() * 2.0 * 4;
        double read = f.hbmBytes(0);
        assertTrue(read >= weights, read + " < " + weights);
        assertTrue(read <= weights + activations, read + " > " + (weights + activations));
    }

    /** GQA keeps q, k and v in one kernel: two projection GEMMs around attention. */
    @Test
    void gqaAttention_isTwoProjectionGemms() {
        ModelSpec m = ModelCatalog.get("llama-3.1-70b");
        GpuPlacement p = GpuEngineTest.config("h100", m.name(), 8, 1, 1, null, null).placement(m, null);
        GpuFabric f = fabric("h100");
        LayerCostModel cost = new LayerCostModel(p, m, true);
        assertEquals(2, gemms(cost.attention(m.layers().get(0), 1, 0, 0)));
        assertEquals(0, seconds(f, cost.attention(m.layers().get(0), 0, 0, 0)));
    }

    /** A group whose tokens need no logits (a prefill chunk short of its prompt's end) launches no LM head: no time, no HBM. */
    @Test
    void anLmHeadOfNoRows_costsNothing() {
        ModelSpec m = ModelCatalog.get("deepseek-r1-nvfp4");
        GpuPlacement p = GpuEngineTest.config("b200", m.name(), 8, 2, 1, null, null).placement(m, null);
        GpuFabric f = fabric("b200");
        LayerCostModel cost = new LayerCostModel(p, m, true);
        assertEquals(0, gemms(cost.lmHead(0)));
        assertEquals(0, seconds(f, cost.lmHead(0)));
        assertEquals(0, f.hbmBytes(0));
        assertEquals(1, gemms(cost.lmHead(1)));
    }
}
