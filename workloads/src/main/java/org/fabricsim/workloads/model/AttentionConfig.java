package org.fabricsim.workloads.model;

import java.util.List;

/** Shape of a transformer block's attention: its projection matrices, KV-cache size and per-context FLOPs. */
public sealed interface AttentionConfig permits GqaAttention, MlaAttention {

    /** Projection matrices of one layer in execution order, at the given precision. */
    List<MatrixSpec> matrices(int hiddenSize, Precision precision);

    /** Values one layer caches per token of context (before multiplying by the cache precision). */
    long kvElementsPerToken();

    /** Query heads. */
    int heads();

    /**
     * Distinct K/V heads, the most ways a tensor-parallel group can split the KV cache: beyond that each rank
     * holds a copy of one head. MLA's latent cache is shared by all heads, so it is one.
     */
    int kvHeads();

    /** FLOPs per new token per token of context: scores plus weighted values, all heads. */
    long flopsPerContextToken();

    /** Sliding-window length of layer {@code layerIndex}, or 0 when it attends over the whole context. */
    int windowTokens(int layerIndex);
}
