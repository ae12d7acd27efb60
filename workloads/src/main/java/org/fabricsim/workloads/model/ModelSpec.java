package org.fabricsim.workloads.model;

import java.util.List;

/**
 * CONTRACT STUB: a transformer's shapes and weight precisions, from which every per-layer byte and
 * FLOP count is derived. Built by {@link ModelCatalog} from ../shared/reference/models.md.
 */
public record ModelSpec(String name, int hiddenSize, int vocabSize, int maxContextTokens, List<LayerSpec> layers,
        MatrixSpec embedding, MatrixSpec lmHead, boolean tiedEmbeddings) {

    public int layerCount() {
        return layers.size();
    }

    /** Total parameters (embedding counted once when tied). */
    public long totalParams() {
        throw new UnsupportedOperationException("models helper");
    }

    /** Parameters used per token (MoE: active experts only; embedding lookup included as in published counts). */
    public long activeParams() {
        throw new UnsupportedOperationException("models helper");
    }

    /** All weight bytes at the model's precisions. */
    public long weightBytes() {
        throw new UnsupportedOperationException("models helper");
    }

    /** KV-cache bytes per token of context, all layers. */
    public long kvBytesPerToken() {
        throw new UnsupportedOperationException("models helper");
    }

    /** Weight bytes read to decode one token at batch 1. */
    public long activeWeightBytes() {
        throw new UnsupportedOperationException("models helper");
    }
}
