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

    /** {@code each} summed over a phase's kernels, nested sequences included. */
    private static double sum(Work w, java.util.function.ToDoubleFunction<KernelWork> each) {
        if (w instanceof KernelWork k) {
            return each.applyAsDouble(k);
        }
        double n = 0;
        for (Work part : ((KernelSequence) w).parts()) {
            n += sum(part, each);
        }
        return n;
    }

    /** GEMM kernels in a phase's work. */
    private static int gemms(Work w) {
        return (int) sum(w, k -> k.gemm() != null ? 1 : 0);
    }

    /**
     * MLA's absorbed decode is five dependent projection GEMMs around attention (q_a with kv_a, q_b, kv_b's key half,
     * kv_b's value half, o), each paying at least a launch and an HBM latency; and splitting kv_b in two reads every
     * attention weight exactly once (byte conservation against the HBM meter): a shard of each tensor-parallel matrix,
     * the down-projections q_a and kv_a whole, as the placement holds them.
     */
    @Test
    void mlaAttention_isFiveDependentGemms_readingEachWeightOnce() {
        ModelSpec m = ModelCatalog.get("deepseek-r1-nvfp4");
        int tp = 8;
        GpuPlacement p = GpuEngineTest.config("b200", m.name(), tp, 2, 1, null, null).placement(m, null);
        GpuFabric f = fabric("b200");
        LayerCostModel cost = new LayerCostModel(p, m, true, false);
        LayerSpec layer = m.layers().get(0);
        Work phase = cost.attention(layer, 1, 0, 0, 0, 0, 0);
        assertEquals(5, gemms(phase));
        double t = seconds(f, phase);
        assertTrue(t >= 5 * (f.launchOverheadS() + GpuSpec.B200.hbmLatencyS()), t + " s");
        double weights = 0;
        for (MatrixSpec a : layer.attention()) {
            weights += p.bytes(a) / (a.name().equals("q_a") || a.name().equals("kv_a") ? 1.0 : tp);
        }
        assertEquals(p.attentionBytesPerGpu(layer), weights, 1.0);
        // activations: 1 token's inputs and outputs of every kernel, 2 bytes each, bounded by a few hidden vectors per matrix
        double activations = layer.attention().size() * 3 * m.hiddenSize() * 2.0 * 4;
        double read = f.hbmBytes(0);
        assertTrue(read >= weights, read + " < " + weights);
        assertTrue(read <= weights + activations, read + " > " + (weights + activations));
    }

    /**
     * A GPU that lays out its routed tokens itself (expert_parallel 1, no all-reduce flow) runs a permute kernel before
     * the grouped GEMMs and a finalize kernel after: two launches and HBM latencies more, and each moves every
     * (token, expert) row and every token row once (byte conservation against the HBM and L2 meters' sum).
     */
    @Test
    void routedExperts_gatheredLocally_addAPermuteAndAFinalizeKernel() {
        ModelSpec m = ModelCatalog.get("deepseek-v3");
        GpuPlacement p = GpuEngineTest.config("h200", m.name(), 8, 1, 1, null, null).placement(m, null);
        LayerSpec layer = m.layers().get(5);
        long pairs = 64;
        double tokens = 8;
        Work laidOut = new LayerCostModel(p, m, true, false).routedExperts(layer, pairs, 40, 8, tokens);
        Work gathered = new LayerCostModel(p, m, true, true).routedExperts(layer, pairs, 40, 8, tokens);
        assertEquals(gemms(laidOut), gemms(gathered));
        assertEquals(((KernelSequence) laidOut).parts().length + 2, ((KernelSequence) gathered).parts().length);
        GpuFabric f = fabric("h200");
        double tLaidOut = seconds(f, laidOut);
        double tGathered = seconds(f, gathered);
        assertTrue(tGathered - tLaidOut >= 2 * (f.launchOverheadS() + GpuSpec.H200.hbmLatencyS()),
                tGathered + " vs " + tLaidOut);
        assertEquals(2 * (pairs + tokens) * m.hiddenSize() * 2.0, bytesMoved(gathered) - bytesMoved(laidOut), 1e-6);
    }

    /** Bytes a phase's kernels move, from HBM or L2. */
    private static double bytesMoved(Work w) {
        return sum(w, KernelWork::hbmBytes);
    }

    /**
     * An MLA prompt chunk attends in multi-head form: per (query, key) pair and head, q.k over nope + rope dimensions
     * and p.v over the value dimension, 2 x 128 x (192 + 128) = 81,920 FLOPs for DeepSeek-V3 against the absorbed
     * form's 2 x 128 x (576 + 512) = 278,528; and kv_b decompresses every KV token of the chunk once, reading its
     * weight shard once.
     */
    @Test
    void mlaPrefill_attendsInMultiHeadForm() {
        ModelSpec m = ModelCatalog.get("deepseek-v3");
        int tp = 8;
        GpuPlacement p = GpuEngineTest.config("h200", m.name(), tp, 1, 1, null, null).placement(m, null);
        LayerCostModel cost = new LayerCostModel(p, m, true, false);
        LayerSpec layer = m.layers().get(0);
        assertEquals(278_528, layer.attentionFlopsPerContextToken());
        double n = 1000;
        double pairs = n * (n + 1) / 2;
        KernelSequence prefill = cost.attention(layer, n, n, pairs, n, n, pairs);
        KernelWork attention = null;
        for (Work w : prefill.parts()) {
            if (w instanceof KernelWork k && k.gemm() == null && k.flops() > 0) {
                attention = k;
            }
        }
        assertEquals(81_920 * pairs / tp, attention.flops(), 1e-6 * attention.flops());
        MatrixSpec kvB = layer.attention().get(3);
        assertEquals("kv_b", kvB.name());
        KernelWork decompress = (KernelWork) prefill.parts()[prefill.parts().length - 3];
        assertEquals(n * 2.0 * kvB.params() / tp, decompress.flops(), 1e-6 * decompress.flops());
        assertTrue(decompress.hbmBytes() >= p.bytes(kvB) / (double) tp);
        // a decode token of the same layer keeps the absorbed form
        KernelSequence decode = cost.attention(layer, 1, n, n, 0, 0, 0);
        boolean absorbed = false;
        for (Work w : decode.parts()) {
            absorbed |= w instanceof KernelWork k && k.gemm() == null && k.flops() == 278_528.0 * n / tp;
        }
        assertTrue(absorbed);
    }

    /** Grouped-query attention runs prefill and decode alike: the prompt chunks' share changes nothing. */
    @Test
    void gqaAttention_ignoresThePrefillShare() {
        ModelSpec m = ModelCatalog.get("llama-3.1-70b");
        GpuPlacement p = GpuEngineTest.config("h100", m.name(), 8, 1, 1, null, null).placement(m, null);
        LayerCostModel cost = new LayerCostModel(p, m, true, false);
        assertTrue(sameKernels(cost.attention(m.layers().get(0), 100, 600, 30_000, 0, 0, 0),
                cost.attention(m.layers().get(0), 100, 600, 30_000, 100, 600, 30_000)));
    }

    /** GQA keeps q, k and v in one kernel: two projection GEMMs around attention. */
    @Test
    void gqaAttention_isTwoProjectionGemms() {
        ModelSpec m = ModelCatalog.get("llama-3.1-70b");
        GpuPlacement p = GpuEngineTest.config("h100", m.name(), 8, 1, 1, null, null).placement(m, null);
        GpuFabric f = fabric("h100");
        LayerCostModel cost = new LayerCostModel(p, m, true, false);
        assertEquals(2, gemms(cost.attention(m.layers().get(0), 1, 0, 0, 0, 0, 0)));
        assertEquals(0, seconds(f, cost.attention(m.layers().get(0), 0, 0, 0, 0, 0, 0)));
    }

    /** A group whose tokens need no logits (a prefill chunk short of its prompt's end) launches no LM head: no time, no HBM. */
    @Test
    void anLmHeadOfNoRows_costsNothing() {
        ModelSpec m = ModelCatalog.get("deepseek-r1-nvfp4");
        GpuPlacement p = GpuEngineTest.config("b200", m.name(), 8, 2, 1, null, null).placement(m, null);
        GpuFabric f = fabric("b200");
        LayerCostModel cost = new LayerCostModel(p, m, true, false);
        assertEquals(0, gemms(cost.lmHead(0)));
        assertEquals(0, seconds(f, cost.lmHead(0)));
        assertEquals(0, f.hbmBytes(0));
        assertEquals(1, gemms(cost.lmHead(1)));
    }

    /** A phase's kernels and how they nest, compared by value: equal works cost the same on any fabric. */
    private static boolean sameKernels(Work a, Work b) {
        if (a instanceof KernelSequence x && b instanceof KernelSequence y) {
            if (x.parts().length != y.parts().length) {
                return false;
            }
            for (int i = 0; i < x.parts().length; i++) {
                if (!sameKernels(x.parts()[i], y.parts()[i])) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /**
     * The expert phase kept by (layer shape, pairs, experts touched, split, shared tokens) is the routed experts then
     * the shared experts that a fresh cost model builds for the same arguments, on random arguments (more tuples than
     * the memo has slots, so kept phases are replaced too), and the same instance while it is kept.
     */
    @Test
    void expertPhase_equalsTheRoutedThenSharedExpertsBuiltAfresh_onRandomArguments() {
        ModelSpec m = ModelCatalog.get("kimi-k2.6");
        GpuPlacement p = GpuEngineTest.config("b200", m.name(), 8, 8, 1, null, null).placement(m, null);
        LayerCostModel kept = new LayerCostModel(p, m, true, false);
        java.util.Random random = new java.util.Random(21);
        for (int i = 0; i < 4 * ExpertPhases.SLOTS; i++) {
            int position = 1 + random.nextInt(m.layerCount() - 1);
            int touched = 1 + random.nextInt(48);
            long pairs = touched + random.nextInt(random.nextBoolean() ? 64 : 20_000);
            int split = 1 + random.nextInt(2);
            double sharedTokens = random.nextBoolean() ? 1 + random.nextInt(32) : random.nextDouble() * 9000;
            LayerSpec layer = m.layers().get(position);
            LayerCostModel fresh = new LayerCostModel(p, m, true, false);
            KernelSequence built = new KernelSequence(fresh.routedExperts(layer, pairs, touched, split, sharedTokens),
                    fresh.sharedExperts(layer, sharedTokens));
            KernelSequence phase = kept.experts(position, pairs, touched, split, sharedTokens);
            assertTrue(sameKernels(built, phase), "pairs " + pairs + ", touched " + touched + ", split " + split);
            assertTrue(phase == kept.experts(position, pairs, touched, split, sharedTokens));
        }
    }

    /**
     * Layers equal but for their index share a shape, and a shape's phases are the same kernels for the same batch:
     * Kimi K2.6's first (dense) layer has a shape of its own, its 60 MoE layers one between them.
     */
    @Test
    void layersEqualButForTheirIndex_shareAShape_andTheirPhasesKernels() {
        ModelSpec m = ModelCatalog.get("kimi-k2.6");
        GpuPlacement p = GpuEngineTest.config("b200", m.name(), 8, 8, 1, null, null).placement(m, null);
        LayerCostModel cost = new LayerCostModel(p, m, true, false);
        java.util.Set<Integer> moeShapes = new java.util.HashSet<>();
        for (int i = 1; i < m.layerCount(); i++) {
            moeShapes.add(cost.shape(i));
            assertTrue(sameKernels(cost.attention(m.layers().get(1), 16, 4000, 30_000, 0, 0, 0),
                    cost.attention(m.layers().get(i), 16, 4000, 30_000, 0, 0, 0)));
            assertTrue(sameKernels(cost.router(m.layers().get(1), 16), cost.router(m.layers().get(i), 16)));
        }
        assertEquals(java.util.Set.of(cost.shape(1)), moeShapes);
        assertTrue(cost.shape(0) != cost.shape(1));
    }
}
