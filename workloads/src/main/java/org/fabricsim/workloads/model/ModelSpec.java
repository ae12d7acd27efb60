package org.fabricsim.workloads.model;

import java.util.List;
import java.util.Objects;

/**
 * A transformer's shapes and weight precisions, from which every per-layer byte and FLOP count is
 * derived. Built by {@link TransformerConfig#build()}; the named models are in {@link ModelCatalog}.
 *
 * <p>Counting convention (the one that reproduces gpt-oss-120b's published 5.13B active, and Kimi K2's
 * 32B and DeepSeek-V3's 37B to 1%): the LM head is a full matrix-vector product per token and counts
 * whole in the active figures; the input embedding is a lookup of one row of {@code hiddenSize} weights.
 *
 * @param embedding  the input embedding table, vocab x hidden
 * @param lmHead     the output projection, vocab x hidden; the same table as {@code embedding} when tied
 */
public record ModelSpec(String name, int hiddenSize, int vocabSize, int maxContextTokens, List<LayerSpec> layers,
        MatrixSpec embedding, MatrixSpec lmHead, boolean tiedEmbeddings) {

    public ModelSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: must be non-blank, got " + name);
        }
        if (hiddenSize < 1) {
            throw new IllegalArgumentException("hiddenSize: must be >= 1, got " + hiddenSize);
        }
        if (vocabSize < 1) {
            throw new IllegalArgumentException("vocabSize: must be >= 1, got " + vocabSize);
        }
        if (maxContextTokens < 1) {
            throw new IllegalArgumentException("maxContextTokens: must be >= 1, got " + maxContextTokens);
        }
        layers = List.copyOf(Objects.requireNonNull(layers, "layers"));
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("layers: a model needs at least one layer");
        }
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).index() != i) {
                throw new IllegalArgumentException("layers: layer at position " + i + " has index "
                        + layers.get(i).index());
            }
        }
        requireTable("embedding", embedding, vocabSize, hiddenSize);
        requireTable("lmHead", lmHead, vocabSize, hiddenSize);
        if (tiedEmbeddings && embedding.precision() != lmHead.precision()) {
            throw new IllegalArgumentException("lmHead: tied to the embedding, so its precision must be "
                    + embedding.precision() + ", got " + lmHead.precision());
        }
    }

    private static void requireTable(String field, MatrixSpec table, int vocabSize, int hiddenSize) {
        Objects.requireNonNull(table, field);
        if (table.rows() != vocabSize || table.cols() != hiddenSize) {
            throw new IllegalArgumentException(field + ": must be vocab x hidden = " + vocabSize + " x " + hiddenSize
                    + ", got " + table.rows() + " x " + table.cols());
        }
    }

    public int layerCount() {
        return layers.size();
    }

    /** Total parameters (embedding counted once when tied). Norm vectors and biases are not modelled. */
    public long totalParams() {
        long n = embedding.params() + (tiedEmbeddings ? 0 : lmHead.params());
        for (LayerSpec layer : layers) {
            n += layer.params();
        }
        return n;
    }

    /**
     * Parameters used per token: each layer's active part (MoE: top-k routed + shared experts + router),
     * the whole LM head and, when untied, the one embedding row looked up.
     */
    public long activeParams() {
        long n = lmHead.params() + (tiedEmbeddings ? 0 : hiddenSize);
        for (LayerSpec layer : layers) {
            n += layer.activeParams();
        }
        return n;
    }

    /** All weight bytes at the model's precisions. */
    public long weightBytes() {
        long n = embedding.bytes() + (tiedEmbeddings ? 0 : lmHead.bytes());
        for (LayerSpec layer : layers) {
            n += layer.weightBytes();
        }
        return n;
    }

    /**
     * Weight bytes read to decode one token at batch 1: each layer's active part, the LM head and,
     * when untied, one embedding row. KV-cache reads are in {@link #decodeBytesRead(int)}.
     */
    public long activeWeightBytes() {
        long n = lmHead.bytes() + (tiedEmbeddings ? 0 : embedding.precision().bytes(hiddenSize));
        for (LayerSpec layer : layers) {
            n += layer.activeWeightBytes();
        }
        return n;
    }

    /**
     * KV-cache bytes per token of context, all layers. Sliding-window layers count at their per-token
     * rate, so this is exact up to the shortest window and an upper bound beyond it (a cache that
     * reserves full-length KV for every layer); {@link #kvBytes(int)} is exact at any length.
     */
    public long kvBytesPerToken() {
        long n = 0;
        for (LayerSpec layer : layers) {
            n += layer.kvBytesPerToken();
        }
        return n;
    }

    /** KV-cache bytes one sequence holds at a context length, windows included. */
    public long kvBytes(int contextTokens) {
        long n = 0;
        for (LayerSpec layer : layers) {
            n += layer.kvBytes(contextTokens);
        }
        return n;
    }

    /** Attention FLOPs (scores + weighted values, all layers) for one new token attending over a context. */
    public long attentionFlopsPerToken(int contextTokens) {
        long n = 0;
        for (LayerSpec layer : layers) {
            n += layer.attentionFlops(contextTokens);
        }
        return n;
    }

    /** FLOPs of the LM head for one token. */
    public long lmHeadFlopsPerToken() {
        return lmHead.flopsPerToken();
    }

    /**
     * FLOPs to decode one token after {@code priorContextTokens} cached tokens: every layer (attending
     * over the prior tokens and itself) plus the LM head.
     */
    public long decodeFlopsPerToken(int priorContextTokens) {
        return forwardFlops(1, priorContextTokens);
    }

    /**
     * FLOPs of a forward pass of {@code newTokens} tokens after {@code priorContextTokens} cached ones
     * with causal attention, logits for every new token (decode, speculative verify).
     */
    public long forwardFlops(int newTokens, int priorContextTokens) {
        long n = newTokens * lmHeadFlopsPerToken();
        for (LayerSpec layer : layers) {
            n += layer.flopsForTokens(newTokens, priorContextTokens);
        }
        return n;
    }

    /**
     * FLOPs to prefill {@code promptTokens} after {@code priorContextTokens} cached ones: causal
     * attention, logits only for the last token (as serving engines compute them).
     */
    public long prefillFlops(int promptTokens, int priorContextTokens) {
        long n = promptTokens > 0 ? lmHeadFlopsPerToken() : 0;
        for (LayerSpec layer : layers) {
            n += layer.flopsForTokens(promptTokens, priorContextTokens);
        }
        return n;
    }

    /**
     * Bytes read from memory to decode one token at batch 1: the active weights plus the KV cache of
     * the {@code priorContextTokens} cached tokens (the new token's own KV is written, not read).
     */
    public long decodeBytesRead(int priorContextTokens) {
        return activeWeightBytes() + kvBytes(priorContextTokens);
    }

    /** Number of layers whose FFN is a mixture of experts. */
    public int moeLayerCount() {
        int n = 0;
        for (LayerSpec layer : layers) {
            if (layer.isMoe()) {
                n++;
            }
        }
        return n;
    }
}
