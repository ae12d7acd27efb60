package org.fabricsim.workloads.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fabricsim.core.random.RandomStreams;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.api.LinkUsage;
import org.fabricsim.workloads.model.ModelCatalog;
import org.fabricsim.workloads.model.ModelRef;
import org.fabricsim.workloads.model.ModelSpec;
import org.fabricsim.workloads.serving.Deployment;
import org.fabricsim.workloads.serving.Step;
import org.junit.jupiter.api.Test;

/** Layouts across two nodes put their cross-node bytes on InfiniBand, and only those. */
class AcrossNodesTest {
    private static final String MODEL = "deepseek-v3";

    private static double infinibandBytes(String gpu, int nodes, int tp, int ep, int pp, int tokens) {
        ModelSpec m = ModelCatalog.get(MODEL);
        GpuSystemConfig c = new GpuSystemConfig("x", ModelRef.named(MODEL), null, GpuHardware.named(gpu), nodes, 8,
                tp, ep, pp, 1, null, null, null, null, null, null, null, null, null, null, null, null);
        Timeline timeline = new Timeline();
        Deployment d = c.deploy(m, null, timeline, new RandomStreams(1));
        d.replicas().get(0).submit(new Step(List.of(new Step.SequenceWork(0, tokens, tokens, true)), 0), () -> { });
        timeline.run();
        return d.linkUsage().get().stream().filter(u -> u.linkClass().equals("infiniband"))
                .mapToDouble(LinkUsage::bytesCarried).sum();
    }

    @Test
    void twoPipelineStagesOnTwoNodes_sendEachTokensActivationsOverTwoInfinibandLinks() {
        int tokens = 64;
        int hidden = ModelCatalog.get(MODEL).hiddenSize();
        // each of the 8 ranks sends its 1/8 of the activations (BF16) to its peer on the other node through its rail's
        // leaf: NIC up, leaf down, so every byte crosses two InfiniBand links
        assertEquals(2.0 * tokens * hidden * LayerCostModel.ACTIVATION_BYTES, infinibandBytes("h100", 2, 8, 1, 2, tokens),
                8 * 2 * 2);
    }

    @Test
    void oneNodeSendsNothingOverInfiniband_whileTensorOrExpertParallelAcrossTwoDoes() {
        // the FP8 model fits one node of H200 (141 GB each), not of H100
        assertEquals(0, infinibandBytes("h200", 1, 8, 8, 1, 64));
        double tp16 = infinibandBytes("h100", 2, 16, 1, 1, 64);
        double ep16 = infinibandBytes("h100", 2, 8, 16, 1, 64);
        assertTrue(tp16 > 0 && ep16 > 0, tp16 + ", " + ep16);
        // TP16 all-reduces every layer's whole activations across the nodes twice per layer; EP16 moves only the
        // tokens routed to the other node's experts, once there and once back
        assertTrue(tp16 > ep16, tp16 + " vs " + ep16);
    }
}
