package org.fabricsim.workloads.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The few numbers of a Hugging Face config.json that fix a decoder-only transformer's weights, KV
 * cache and FLOPs (dense or MoE, GQA or MLA); {@link #build()} expands them into a {@link ModelSpec}.
 *
 * @param layers           num_hidden_layers
 * @param denseFfnSize     intermediate_size of the dense FFN (dense models, and the leading dense
 *                         layers of an MoE); 0 for an MoE without dense layers
 * @param moe              the experts, or null for a dense model
 * @param kvCache          precision of the KV cache (BF16 in every catalog entry)
 */
public record TransformerConfig(String name, int layers, int hiddenSize, int vocabSize, int maxContextTokens,
        boolean tiedEmbeddings, AttentionConfig attention, int denseFfnSize, MoeConfig moe,
        WeightPrecisions weights, Precision kvCache) {

    public TransformerConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: must be non-blank, got " + name);
        }
        if (layers < 1) {
            throw new IllegalArgumentException("layers: must be >= 1, got " + layers);
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
        Objects.requireNonNull(attention, "attention");
        if (denseFfnSize < 0) {
            throw new IllegalArgumentException("denseFfnSize: must be >= 0, got " + denseFfnSize);
        }
        if (moe != null && moe.firstDenseLayers() > layers) {
            throw new IllegalArgumentException("moe.firstDenseLayers: must be <= layers (" + layers + "), got "
                    + moe.firstDenseLayers());
        }
        int denseLayers = moe == null ? layers : moe.firstDenseLayers();
        if (denseLayers > 0 && denseFfnSize == 0) {
            throw new IllegalArgumentException("denseFfnSize: must be >= 1 when " + denseLayers
                    + " layers have a dense FFN, got 0");
        }
        Objects.requireNonNull(weights, "weights");
        if (tiedEmbeddings && weights.embedding() != weights.lmHead()) {
            throw new IllegalArgumentException("weights.lmHead: tied to the embedding, so must be "
                    + weights.embedding() + ", got " + weights.lmHead());
        }
        Objects.requireNonNull(kvCache, "kvCache");
    }

    /** A dense GQA transformer (Llama) with BF16 KV cache. */
    public static TransformerConfig denseGqa(String name, int layers, int hiddenSize, int heads, int kvHeads,
            int headDim, int ffnSize, int vocabSize, int maxContextTokens, boolean tiedEmbeddings,
            Precision weights) {
        return new TransformerConfig(name, layers, hiddenSize, vocabSize, maxContextTokens, tiedEmbeddings,
                new GqaAttention(heads, kvHeads, headDim), ffnSize, null, WeightPrecisions.uniform(weights),
                Precision.BF16);
    }

    /** An MLA mixture-of-experts transformer (DeepSeek-V3, Kimi K2), untied, BF16 KV cache. */
    public static TransformerConfig mlaMoe(String name, int layers, int hiddenSize, MlaAttention attention,
            int denseFfnSize, MoeConfig moe, int vocabSize, int maxContextTokens, WeightPrecisions weights) {
        return new TransformerConfig(name, layers, hiddenSize, vocabSize, maxContextTokens, false, attention,
                denseFfnSize, moe, weights, Precision.BF16);
    }

    /** The same model under another name (a catalog alias or a variant). */
    public TransformerConfig withName(String newName) {
        return new TransformerConfig(newName, layers, hiddenSize, vocabSize, maxContextTokens, tiedEmbeddings,
                attention, denseFfnSize, moe, weights, kvCache);
    }

    /** The same shapes at other weight precisions (e.g. an FP8 or INT4 deployment). */
    public TransformerConfig withWeights(WeightPrecisions newWeights) {
        return new TransformerConfig(name, layers, hiddenSize, vocabSize, maxContextTokens, tiedEmbeddings,
                attention, denseFfnSize, moe, newWeights, kvCache);
    }

    /** The same model with another KV-cache precision (e.g. an FP8 cache). */
    public TransformerConfig withKvCache(Precision newKvCache) {
        return new TransformerConfig(name, layers, hiddenSize, vocabSize, maxContextTokens, tiedEmbeddings,
                attention, denseFfnSize, moe, weights, newKvCache);
    }

    /** The same model served with another context limit. */
    public TransformerConfig withMaxContextTokens(int newMaxContextTokens) {
        return new TransformerConfig(name, layers, hiddenSize, vocabSize, newMaxContextTokens, tiedEmbeddings,
                attention, denseFfnSize, moe, weights, kvCache);
    }

    /** Expands the configuration into per-layer matrices and costs. */
    public ModelSpec build() {
        List<MatrixSpec> attentionMatrices = attention.matrices(hiddenSize, weights.attention());
        List<MatrixSpec> denseFfn = denseFfnSize == 0 ? List.of()
                : gatedFfn("", denseFfnSize, weights.denseFfn());
        LayerSpec.MoeSpec moeSpec = moe == null ? null : new LayerSpec.MoeSpec(moe.routedExperts(),
                moe.activeExperts(), moe.sharedExperts(),
                new MatrixSpec("router", moe.routedExperts(), hiddenSize, weights.router()),
                gatedFfn("expert_", moe.expertFfnSize(), weights.routedExperts()),
                moe.sharedExperts() == 0 ? List.of()
                        : gatedFfn("shared_", moe.expertFfnSize(), weights.sharedExperts()));
        long kvBytesPerToken = kvCache.bytes(attention.kvElementsPerToken());
        List<LayerSpec> layerSpecs = new ArrayList<>(layers);
        for (int i = 0; i < layers; i++) {
            boolean dense = moe == null || i < moe.firstDenseLayers();
            Precision ffnPrecision = weights.denseFfn(i);
            List<MatrixSpec> ffn = !dense ? List.of()
                    : ffnPrecision == weights.denseFfn() ? denseFfn : gatedFfn("", denseFfnSize, ffnPrecision);
            layerSpecs.add(new LayerSpec(i, attentionMatrices, ffn, dense ? null : moeSpec,
                    kvBytesPerToken, attention.flopsPerContextToken(), attention.windowTokens(i), attention.heads(),
                    attention.kvHeads()));
        }
        MatrixSpec embedding = new MatrixSpec("embed_tokens", vocabSize, hiddenSize, weights.embedding());
        MatrixSpec lmHead = tiedEmbeddings ? embedding
                : new MatrixSpec("lm_head", vocabSize, hiddenSize, weights.lmHead());
        return new ModelSpec(name, hiddenSize, vocabSize, maxContextTokens, layerSpecs, embedding, lmHead,
                tiedEmbeddings);
    }

    /** SwiGLU FFN: gate and up (hidden -> ffn), down (ffn -> hidden). */
    private List<MatrixSpec> gatedFfn(String prefix, int ffnSize, Precision precision) {
        return List.of(
                new MatrixSpec(prefix + "gate", ffnSize, hiddenSize, precision),
                new MatrixSpec(prefix + "up", ffnSize, hiddenSize, precision),
                new MatrixSpec(prefix + "down", hiddenSize, ffnSize, precision));
    }
}
