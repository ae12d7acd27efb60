package org.fabricsim.workloads.wafer;

/** What a placed region holds. */
public enum PartKind {
    /** The token embedding table (a lookup, no GEMV). */
    EMBEDDING,
    /** A transformer layer's attention (and dense FFN, or MoE router), its KV cache and buffers. */
    LAYER,
    /** One routed expert of an MoE layer. */
    EXPERT,
    /** One shared (always active) expert of an MoE layer. */
    SHARED_EXPERT,
    /** Final norm and the output projection to the vocabulary. */
    LM_HEAD,
    /** A copy of the embedding beside the lm_head, where the draft head looks up the tokens it drafts. */
    DRAFT_EMBEDDING,
    /** A dense layer of the draft head beside the lm_head, with its own KV cache. */
    DRAFT_LAYER
}
