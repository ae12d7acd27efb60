package org.fabricsim.workloads.wafer;

import java.util.List;
import org.fabricsim.fabric.api.IdleWaferCost;
import org.fabricsim.workloads.model.LayerSpec;
import org.fabricsim.workloads.model.ModelSpec;
import org.fabricsim.workloads.serving.Step;

/**
 * Where a single-stream decode token's time goes on an idle pipeline, without simulating: the operations of
 * one token, part by part, as the engine issues them, costed by the fabric's {@link IdleWaferCost}. An MoE
 * layer counts the fan-out and fan-in of its k + shared vectors to and from its farthest expert and one
 * expert's work (the experts run at once), an upper estimate of the routed case. Used by
 * {@code describe} so that the reasons for a figure are visible.
 */
public final class CriticalPath {
    private CriticalPath() {
    }

    /** Batch-1 decode of one token after {@code context} tokens, costed by {@code idle} (the placement's pipeline). */
    public static IdleWaferCost.Breakdown decode(WaferPlacement p, IdleWaferCost idle, int context) {
        ModelSpec m = p.model();
        int h = m.hiddenSize();
        LayerWork.Tokens t = WaferPipelineEngine.tokens(new Step(List.of(new Step.SequenceWork(0, 1, context, false)), 0));
        int prev = p.embeddingPart();
        idle.compute(prev, LayerWork.embedding(h, p.part(prev).region(), 1));
        for (int i = 0; i < m.layerCount(); i++) {
            LayerSpec l = m.layers().get(i);
            int layer = p.layerPart(i);
            idle.transfer(prev, layer, LayerWork.activationBytes(h, 1));
            idle.compute(layer, LayerWork.layer(l, h, p.part(layer).region(), t));
            if (l.moe() != null && p.expertParts(i).length > 0) {
                // fan-out of k + shared vectors as one flow, the farthest expert of the layer (an upper
                // bound on where the routed ones are), its work, the fan-in back
                int far = p.expertParts(i)[0];
                int farHops = -1;
                for (int e : p.expertParts(i)) {
                    int hops = idle.hops(layer, e);
                    if (hops > farHops) {
                        farHops = hops;
                        far = e;
                    }
                }
                idle.fanOutAndBack(layer, far, l.moe().activeExperts() + l.moe().sharedExperts(),
                        LayerWork.activationBytes(h, 1));
                idle.compute(far, LayerWork.expert(l.moe().expert(), h, p.part(far).region(), 1));
            }
            prev = layer;
        }
        int head = p.lmHeadPart();
        idle.transfer(prev, head, LayerWork.activationBytes(h, 1));
        idle.compute(head, LayerWork.lmHead(m.lmHead(), h, p.part(head).region(), t));
        if (p.wafers().size() > 1) {
            idle.transfer(head, p.embeddingPart(), 4); // the sampled token id back to the embedding
        }
        return idle.breakdown();
    }
}
