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

    /** FLOPs per new token per token of context: scores plus weighted values, all heads. */
    long flopsPerContextToken();

    /** Sliding-window length of layer {@code layerIndex}, or 0 when it attends over the whole context. */
    int windowTokens(int layerIndex);
}
