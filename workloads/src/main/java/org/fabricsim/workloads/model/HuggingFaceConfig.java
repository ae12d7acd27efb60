package org.fabricsim.workloads.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A decoder-only transformer read from a Hugging Face style {@code config.json}: the keys the transformers library's
 * Llama, Mistral, Qwen2/3 (dense and MoE), Mixtral, DeepSeek-V2/V3 (and Kimi K2) and gpt-oss configurations use.
 * Attention is MLA when {@code kv_lora_rank} is present, GQA otherwise; a model is MoE when it names a number of
 * routed experts. Weight precision follows {@code quantization_config} (fp8: every linear layer; mxfp4 and 4-bit
 * compressed-tensors: the routed experts of an MoE, every linear layer of a dense model), else {@code torch_dtype}.
 * A multimodal config's {@code text_config} is the model read. Keys this reader cannot honour (a sparse step other
 * than 1, dense-only layers in the middle, an unknown quantisation) are refused by name rather than ignored.
 */
public final class HuggingFaceConfig {
    private HuggingFaceConfig() {
    }

    /** The model in {@code json} (a config.json's text), called {@code name}; {@code where} prefixes every error. */
    public static TransformerConfig parse(String json, String name, String where) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(where + ": not a config.json (a JSON object of keys expected)");
        }
        JsonNode c = root.has("text_config") && root.get("text_config").isObject() ? root.get("text_config") : root;
        Reader r = new Reader(c, where);
        int layers = r.integer("num_hidden_layers", 1, 1_000);
        int hidden = r.integer("hidden_size", 1, 1 << 17);
        int vocab = r.integer("vocab_size", 1, 1 << 24);
        int context = r.integer("max_position_embeddings", 1, 1 << 24);
        boolean tied = r.bool("tie_word_embeddings", false);
        int heads = r.integer("num_attention_heads", 1, 1 << 12);

        AttentionConfig attention;
        if (c.hasNonNull("kv_lora_rank")) {
            attention = new MlaAttention(heads, r.optionalInteger("q_lora_rank", 0), r.integer("kv_lora_rank", 1, 1 << 16),
                    r.integer("qk_nope_head_dim", 1, 1 << 12), r.integer("qk_rope_head_dim", 0, 1 << 12),
                    r.integer("v_head_dim", 1, 1 << 12));
        } else {
            int kvHeads = r.optionalInteger("num_key_value_heads", heads);
            int headDim = c.hasNonNull("head_dim") ? r.integer("head_dim", 1, 1 << 12) : hidden / heads;
            int[] window = slidingWindow(c, r, layers);
            attention = new GqaAttention(heads, kvHeads, headDim, window[0], window[1]);
        }

        MoeConfig moe = null;
        int denseFfn = r.optionalInteger("intermediate_size", 0);
        String routedKey = firstPresent(c, "n_routed_experts", "num_experts", "num_local_experts");
        if (routedKey != null && c.get(routedKey).asInt() > 0) {
            int routed = r.integer(routedKey, 1, 1 << 16);
            String topKey = firstPresent(c, "num_experts_per_tok", "experts_per_token");
            if (topKey == null) {
                throw new IllegalArgumentException(where + ": num_experts_per_tok: required with " + routedKey);
            }
            int top = r.integer(topKey, 1, routed);
            // Mixtral and gpt-oss give the expert's FFN as intermediate_size and have no dense FFN
            boolean expertSizeOnly = !c.hasNonNull("moe_intermediate_size");
            int expertFfn = expertSizeOnly ? r.integer("intermediate_size", 1, 1 << 20)
                    : r.integer("moe_intermediate_size", 1, 1 << 20);
            int shared = r.optionalInteger("n_shared_experts", 0);
            if (c.hasNonNull("shared_expert_intermediate_size") && c.get("shared_expert_intermediate_size").asInt() > 0) {
                // Qwen2-MoE's one wide shared expert is that many experts of the routed size
                int width = r.integer("shared_expert_intermediate_size", 1, 1 << 20);
                if (width % expertFfn != 0) {
                    throw new IllegalArgumentException(where + ": shared_expert_intermediate_size: must be a multiple of"
                            + " the expert size " + expertFfn + " to be modelled as shared experts, got " + width);
                }
                shared = width / expertFfn;
            }
            int firstDense = r.optionalInteger("first_k_dense_replace", 0);
            if (r.optionalInteger("decoder_sparse_step", 1) != 1) {
                throw new IllegalArgumentException(where + ": decoder_sparse_step: only 1 (every layer MoE) is modelled, got "
                        + c.get("decoder_sparse_step").asText());
            }
            if (c.has("mlp_only_layers") && c.get("mlp_only_layers").size() > 0) {
                throw new IllegalArgumentException(where + ": mlp_only_layers: dense layers among MoE layers are not"
                        + " modelled (only leading ones, first_k_dense_replace), got " + c.get("mlp_only_layers"));
            }
            moe = new MoeConfig(routed, top, shared, expertFfn, firstDense);
            denseFfn = expertSizeOnly || firstDense == 0 ? 0 : denseFfn;
        }
        WeightPrecisions weights = weights(c.has("quantization_config") ? c : root, r, moe != null, layers, where);
        try {
            return new TransformerConfig(name, layers, hidden, vocab, context, tied, attention, denseFfn, moe, weights,
                    Precision.BF16);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    /** {window tokens, period}: gpt-oss's layer_types, or Mistral's sliding_window on every layer. */
    private static int[] slidingWindow(JsonNode c, Reader r, int layers) {
        JsonNode types = c.get("layer_types");
        if (types != null && types.isArray()) {
            List<Integer> sliding = new ArrayList<>();
            for (int i = 0; i < types.size(); i++) {
                if (types.get(i).asText().equals("sliding_attention")) {
                    sliding.add(i);
                }
            }
            if (sliding.isEmpty()) {
                return new int[] {0, 1};
            }
            int window = r.integer("sliding_window", 1, 1 << 24);
            int period = sliding.size() == 1 ? layers : sliding.get(1) - sliding.get(0);
            for (int i = 0; i < layers; i++) {
                if ((i % period == 0) != sliding.contains(i)) {
                    throw new IllegalArgumentException(r.where + ": layer_types: only a sliding layer every k layers from"
                            + " layer 0 is modelled, got " + types);
                }
            }
            return new int[] {window, period};
        }
        boolean used = !c.has("use_sliding_window") || c.get("use_sliding_window").asBoolean();
        if (used && c.hasNonNull("sliding_window")) {
            return new int[] {r.integer("sliding_window", 1, 1 << 24), 1};
        }
        return new int[] {0, 1};
    }

    private static WeightPrecisions weights(JsonNode c, Reader r, boolean moe, int layers, String where) {
        String dtype = c.hasNonNull("torch_dtype") ? c.get("torch_dtype").asText() : "bfloat16";
        Precision base = switch (dtype) {
            case "bfloat16" -> Precision.BF16;
            case "float16" -> Precision.FP16;
            default -> throw new IllegalArgumentException(where + ": torch_dtype: must be bfloat16 or float16, got " + dtype);
        };
        JsonNode q = c.get("quantization_config");
        if (q == null || q.isNull()) {
            return WeightPrecisions.uniform(base);
        }
        String method = q.hasNonNull("quant_method") ? q.get("quant_method").asText().toLowerCase(Locale.ROOT) : "";
        if (method.equals("modelopt")) {
            return modelOpt(q, base, where);
        }
        if (method.equals("fbgemm_fp8")) {
            return fbgemmFp8(q, base, layers, where);
        }
        Precision four = switch (method) {
            case "fp8" -> null;
            case "mxfp4" -> Precision.MXFP4;
            case "compressed-tensors" -> compressedTensorsBits(q) == 4 ? Precision.INT4 : null;
            default -> throw new IllegalArgumentException(where + ": quantization_config.quant_method: must be fp8, fbgemm_fp8,"
                    + " mxfp4, compressed-tensors (4-bit) or modelopt (NVFP4), got '" + method + "'");
        };
        if (method.equals("fp8")) {
            return WeightPrecisions.linear(Precision.FP8);
        }
        if (four == null) {
            throw new IllegalArgumentException(where + ": quantization_config: only 4-bit compressed-tensors weights are"
                    + " modelled");
        }
        return moe ? WeightPrecisions.uniform(base).withRoutedExperts(four) : WeightPrecisions.linear(four);
    }

    /**
     * NVIDIA ModelOpt NVFP4 checkpoints (nvidia/DeepSeek-R1-FP4): every FFN and expert matrix NVFP4; attention too
     * unless {@code exclude_modules} names {@code self_attn}; router, embedding and LM head stay at the base precision.
     */
    private static WeightPrecisions modelOpt(JsonNode q, Precision base, String where) {
        String algo = q.path("quant_algo").asText("");
        if (!algo.equalsIgnoreCase("NVFP4")) {
            throw new IllegalArgumentException(where + ": quantization_config.quant_algo: only NVFP4 is modelled for"
                    + " modelopt, got '" + algo + "'");
        }
        boolean attentionExcluded = false;
        for (JsonNode m : q.path("exclude_modules")) {
            attentionExcluded |= m.asText().contains("self_attn");
        }
        Precision fp4 = Precision.NVFP4;
        return new WeightPrecisions(attentionExcluded ? base : fp4, fp4, fp4, fp4, base, base, base);
    }

    /**
     * Meta's FP8 checkpoints (meta-llama/Llama-3.1-405B-FP8): every linear layer FP8 but the modules
     * {@code modules_to_not_convert} names, which stay at the base precision. Modelled: the LM head, every layer's
     * attention projections together (Meta's 405B keeps all 504 in BF16), and whole layers' MLPs (its first and
     * last); any other list is refused by name.
     */
    private static WeightPrecisions fbgemmFp8(JsonNode q, Precision base, int layers, String where) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (JsonNode m : q.path("modules_to_not_convert")) {
            names.add(m.asText());
        }
        int attention = 0;
        java.util.Map<Integer, Precision> ffn = new java.util.HashMap<>();
        for (int i = 0; i < layers; i++) {
            String layer = "model.layers." + i + ".";
            int a = 0;
            for (String p : List.of("q_proj", "k_proj", "v_proj", "o_proj")) {
                a += names.remove(layer + "self_attn." + p) ? 1 : 0;
            }
            int f = 0;
            for (String p : List.of("gate_proj", "up_proj", "down_proj")) {
                f += names.remove(layer + "mlp." + p) ? 1 : 0;
            }
            if ((a != 0 && a != 4) || (f != 0 && f != 3)) {
                throw new IllegalArgumentException(where + ": quantization_config.modules_to_not_convert: layer " + i
                        + " keeps only some of its attention or MLP projections unquantized; only whole ones are modelled");
            }
            attention += a / 4;
            if (f == 3) {
                ffn.put(i, base);
            }
        }
        names.remove("lm_head");
        if (!names.isEmpty() || (attention != 0 && attention != layers)) {
            throw new IllegalArgumentException(where + ": quantization_config.modules_to_not_convert: only lm_head,"
                    + " every layer's attention projections and whole layers' MLPs are modelled, got "
                    + (names.isEmpty() ? "attention left unquantized in " + attention + " of " + layers + " layers"
                    : "'" + names.iterator().next() + "'"));
        }
        Precision fp8 = Precision.FP8;
        return new WeightPrecisions(attention == layers ? base : fp8, fp8, fp8, fp8, Precision.BF16, Precision.BF16,
                Precision.BF16, ffn);
    }

    private static int compressedTensorsBits(JsonNode q) {
        JsonNode groups = q.get("config_groups");
        if (groups == null) {
            return -1;
        }
        for (JsonNode g : groups) {
            JsonNode w = g.get("weights");
            if (w != null && w.hasNonNull("num_bits")) {
                return w.get("num_bits").asInt();
            }
        }
        return -1;
    }

    private static String firstPresent(JsonNode c, String... keys) {
        for (String k : keys) {
            if (c.hasNonNull(k)) {
                return k;
            }
        }
        return null;
    }

    /** Typed, bounded reads of a config's keys, each error naming the file and key. */
    private record Reader(JsonNode c, String where) {
        int integer(String key, int lo, int hi) {
            JsonNode v = c.get(key);
            if (v == null || v.isNull()) {
                throw new IllegalArgumentException(where + ": " + key + ": required");
            }
            if (!v.canConvertToExactIntegral() || !v.canConvertToInt() || v.asInt() < lo || v.asInt() > hi) {
                throw new IllegalArgumentException(where + ": " + key + ": must be a whole number in " + lo + ".." + hi
                        + ", got " + v);
            }
            return v.asInt();
        }

        int optionalInteger(String key, int dflt) {
            return c.hasNonNull(key) ? integer(key, 0, Integer.MAX_VALUE) : dflt;
        }

        boolean bool(String key, boolean dflt) {
            JsonNode v = c.get(key);
            if (v == null || v.isNull()) {
                return dflt;
            }
            if (!v.isBoolean()) {
                throw new IllegalArgumentException(where + ": " + key + ": must be true or false, got " + v);
            }
            return v.asBoolean();
        }
    }
}
