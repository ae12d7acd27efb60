package org.fabricsim.workloads.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The named models of /work/shared/reference/models.md (shapes from each model's Hugging Face
 * config.json), looked up by name. Stateless: every call builds a fresh, immutable spec.
 */
public final class ModelCatalog {

    private static final Map<String, Supplier<TransformerConfig>> CONFIGS = configs();

    private ModelCatalog() {
    }

    private static Map<String, Supplier<TransformerConfig>> configs() {
        Map<String, Supplier<TransformerConfig>> m = new LinkedHashMap<>();
        m.put("kimi-k2.6", ModelCatalog::kimiK26);
        m.put("kimi-k2", ModelCatalog::kimiK2);
        m.put("deepseek-v3", ModelCatalog::deepseekV3);
        m.put("deepseek-r1-nvfp4", ModelCatalog::deepseekR1Nvfp4);
        m.put("llama-3.1-8b", ModelCatalog::llama31_8b);
        m.put("llama-3.1-70b", ModelCatalog::llama31_70b);
        m.put("llama-3.1-405b", ModelCatalog::llama31_405b);
        m.put("llama-2-70b", ModelCatalog::llama2_70b);
        m.put("gpt-oss-120b", ModelCatalog::gptOss120b);
        return Collections.unmodifiableMap(m);
    }

    /** Catalog names, in catalog order. */
    public static List<String> names() {
        return List.copyOf(CONFIGS.keySet());
    }

    /** The model called {@code name} (case-insensitive); IllegalArgumentException listing the known names otherwise. */
    public static ModelSpec get(String name) {
        return config(name).build();
    }

    /** The configuration of the model called {@code name}, to derive variants (other precision, context). */
    public static TransformerConfig config(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        Supplier<TransformerConfig> config = CONFIGS.get(key);
        if (config == null) {
            throw new IllegalArgumentException("name: unknown model '" + name + "'" + didYouMean(key)
                    + "; known models: " + String.join(", ", CONFIGS.keySet()));
        }
        return config.get();
    }

    private static String didYouMean(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : CONFIGS.keySet()) {
            int d = editDistance(key, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(2, best.length() / 3) ? "; did you mean '" + best + "'?" : "";
    }

    /** Levenshtein distance (insertions, deletions, substitutions). */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    // ---- Kimi K2 family: models.md; HF moonshotai/Kimi-K2-Instruct config.json (DeepseekV3 architecture):
    // num_hidden_layers 61, hidden_size 7168, intermediate_size 18432, moe_intermediate_size 2048,
    // n_routed_experts 384, num_experts_per_tok 8, n_shared_experts 1, first_k_dense_replace 1,
    // num_attention_heads 64, q_lora_rank 1536, kv_lora_rank 512, qk_nope_head_dim 128,
    // qk_rope_head_dim 64, v_head_dim 128, vocab_size 163840, tie_word_embeddings false.

    private static final MlaAttention KIMI_MLA = new MlaAttention(64, 1536, 512, 128, 64, 128);
    private static final MoeConfig KIMI_MOE = new MoeConfig(384, 8, 1, 2048, 1);

    /**
     * Kimi K2.6 (text): K2 shapes, 256K context (max_position_embeddings 262144), native INT4 W4A16
     * routed experts (QAT, group 32, symmetric, one BF16 scale per 32 weights = {@link Precision#INT4}'s
     * 4.5 bits); attention, shared expert, dense layer, router, embeddings and head stay BF16 (models.md).
     */
    public static TransformerConfig kimiK26() {
        return TransformerConfig.mlaMoe("kimi-k2.6", 61, 7168, KIMI_MLA, 18432, KIMI_MOE, 163_840, 262_144,
                WeightPrecisions.uniform(Precision.BF16).withRoutedExperts(Precision.INT4));
    }

    /**
     * Kimi K2 (Instruct): 128K context, FP8 block-quantized linear weights (128x128 blocks with one
     * FP32 scale: 0.002 bits per weight, not modelled), BF16 router, embeddings and head.
     */
    public static TransformerConfig kimiK2() {
        return TransformerConfig.mlaMoe("kimi-k2", 61, 7168, KIMI_MLA, 18432, KIMI_MOE, 163_840, 131_072,
                WeightPrecisions.linear(Precision.FP8));
    }

    /**
     * DeepSeek-V3 (main model, without the 14B MTP module): models.md and HF deepseek-ai/DeepSeek-V3
     * config.json: 61 layers, first_k_dense_replace 3, 256 routed + 1 shared, top-8, moe_intermediate 2048,
     * 128 heads, MLA ranks as Kimi K2, vocab 129280; FP8 weights, BF16 router and embeddings.
     * Context 128K (max_position_embeddings 163840).
     */
    public static TransformerConfig deepseekV3() {
        return TransformerConfig.mlaMoe("deepseek-v3", 61, 7168, new MlaAttention(128, 1536, 512, 128, 64, 128),
                18432, new MoeConfig(256, 8, 1, 2048, 3), 129_280, 131_072, WeightPrecisions.linear(Precision.FP8));
    }

    /**
     * DeepSeek-R1 (the DeepSeek-V3 architecture) in the mixed precision of NVIDIA's B200 min-latency record
     * (TensorRT-LLM tech blog 1, "Pushing Latency Boundaries", precision table): attention, router, embedding and
     * LM head BF16; dense FFN and MoE experts NVFP4. The validation anchor of the GPU kernel model at batch 1.
     */
    public static TransformerConfig deepseekR1Nvfp4() {
        return TransformerConfig.mlaMoe("deepseek-r1-nvfp4", 61, 7168, new MlaAttention(128, 1536, 512, 128, 64, 128),
                18432, new MoeConfig(256, 8, 1, 2048, 3), 129_280, 131_072,
                new WeightPrecisions(Precision.BF16, Precision.NVFP4, Precision.NVFP4, Precision.NVFP4, Precision.BF16,
                        Precision.BF16, Precision.BF16));
    }

    // ---- Llama: models.md (meta-llama/llama-models sku_list.py); head dim 128, 8 KV heads, vocab 128256,
    // untied embeddings, 128K context, BF16.

    /** Llama 3.1 8B: 32 layers, hidden 4096, 32 heads, FFN 14336. */
    public static TransformerConfig llama31_8b() {
        return TransformerConfig.denseGqa("llama-3.1-8b", 32, 4096, 32, 8, 128, 14336, 128_256, 131_072, false,
                Precision.BF16);
    }

    /** Llama 3.1 70B: 80 layers, hidden 8192, 64 heads, FFN 28672. */
    public static TransformerConfig llama31_70b() {
        return TransformerConfig.denseGqa("llama-3.1-70b", 80, 8192, 64, 8, 128, 28672, 128_256, 131_072, false,
                Precision.BF16);
    }

    /** Llama 3.1 405B: 126 layers, hidden 16384, 128 heads, FFN 53248. */
    public static TransformerConfig llama31_405b() {
        return TransformerConfig.denseGqa("llama-3.1-405b", 126, 16384, 128, 8, 128, 53248, 128_256, 131_072,
                false, Precision.BF16);
    }

    /** Llama 2 70B: the Llama 3.1 70B shapes with a 32,000-token vocabulary and 4,096-token context. */
    public static TransformerConfig llama2_70b() {
        return TransformerConfig.denseGqa("llama-2-70b", 80, 8192, 64, 8, 128, 28672, 32_000, 4_096, false,
                Precision.BF16);
    }

    /**
     * gpt-oss-120b: models.md and HF openai/gpt-oss-120b config.json: 36 layers, hidden 2880, 64 q / 8 kv
     * heads of 64, 128 experts top-4 with intermediate 2880 (gate, up, down), no shared expert, vocab
     * 201088, untied, 128K context, sliding_window 128 on even-indexed layers (layer_types alternate
     * sliding/full). MXFP4 experts (4 bits + one E8M0 scale per 32 = 4.25 bits); attention, router,
     * embeddings and head BF16 (quantization_config.modules_to_not_convert). Biases and attention
     * sinks (~40M parameters) are not modelled.
     */
    public static TransformerConfig gptOss120b() {
        return new TransformerConfig("gpt-oss-120b", 36, 2880, 201_088, 131_072, false,
                new GqaAttention(64, 8, 64, 128, 2), 0, new MoeConfig(128, 4, 0, 2880, 0),
                WeightPrecisions.uniform(Precision.BF16).withRoutedExperts(Precision.MXFP4), Precision.BF16);
    }

    /** All catalog models, built, in catalog order. */
    public static List<ModelSpec> all() {
        List<ModelSpec> specs = new ArrayList<>();
        for (Supplier<TransformerConfig> config : CONFIGS.values()) {
            specs.add(config.get().build());
        }
        return List.copyOf(specs);
    }
}
