package org.fabricsim.workloads.model;

import java.util.List;

/**
 * CONTRACT STUB: one transformer block, split into the parts hardware models place separately.
 *
 * @param index              0-based layer index
 * @param attention          attention projection matrices in execution order (GQA: q, k, v, o; MLA: q_a, q_b, kv_a, kv_b, o)
 * @param denseFfn           gate, up, down of a dense FFN; empty for an MoE layer
 * @param moe                the MoE part, or null for a dense layer
 * @param kvBytesPerToken    KV-cache bytes this layer stores per token of context
 * @param attentionFlopsPerContextToken FLOPs per new token per token of context (scores + weighted values)
 */
public record LayerSpec(int index, List<MatrixSpec> attention, List<MatrixSpec> denseFfn, MoeSpec moe,
        long kvBytesPerToken, long attentionFlopsPerContextToken) {

    /**
     * @param routedExperts  experts to route among
     * @param activeExperts  top-k routed experts per token
     * @param sharedExperts  always-active experts
     * @param router         the gating matrix (experts x hidden)
     * @param expert         gate, up, down of one routed expert
     * @param sharedExpert   gate, up, down of one shared expert
     */
    public record MoeSpec(int routedExperts, int activeExperts, int sharedExperts, MatrixSpec router,
            List<MatrixSpec> expert, List<MatrixSpec> sharedExpert) {
    }

    /** All weight bytes of the layer (every expert). */
    public long weightBytes() {
        throw new UnsupportedOperationException("models helper");
    }

    /** Weight bytes read to decode one token at batch 1 (only the active experts of an MoE layer). */
    public long activeWeightBytes() {
        throw new UnsupportedOperationException("models helper");
    }

    /** FLOPs for one new token at a given context length (projections, active experts, attention over context). */
    public long flopsPerToken(int contextTokens) {
        throw new UnsupportedOperationException("models helper");
    }
}
