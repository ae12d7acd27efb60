package org.fabricsim.workloads.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** config.json files read into the same models the catalog builds, and a shipped model against its published size. */
class HuggingFaceConfigTest {

    private static TransformerConfig parse(String json, String name) {
        return HuggingFaceConfig.parse(json, name, "test/config.json");
    }

    // keys as in huggingface.co/meta-llama/Llama-3.1-8B config.json (no head_dim: hidden / heads)
    private static final String LLAMA_31_8B = """
            {"architectures": ["LlamaForCausalLM"], "hidden_size": 4096, "intermediate_size": 14336,
             "max_position_embeddings": 131072, "model_type": "llama", "num_attention_heads": 32,
             "num_hidden_layers": 32, "num_key_value_heads": 8, "rms_norm_eps": 1e-05, "rope_theta": 500000.0,
             "tie_word_embeddings": false, "torch_dtype": "bfloat16", "vocab_size": 128256}
            """;

    // keys as in huggingface.co/openai/gpt-oss-120b config.json
    private static final String GPT_OSS_120B = """
            {"architectures": ["GptOssForCausalLM"], "experts_per_token": 4, "head_dim": 64, "hidden_size": 2880,
             "intermediate_size": 2880, "layer_types": [%s], "max_position_embeddings": 131072,
             "num_attention_heads": 64, "num_hidden_layers": 36, "num_key_value_heads": 8, "num_local_experts": 128,
             "quantization_config": {"quant_method": "mxfp4", "modules_to_not_convert": ["model.layers.*.self_attn",
             "model.layers.*.mlp.router", "model.embed_tokens", "lm_head"]}, "sliding_window": 128,
             "tie_word_embeddings": false, "torch_dtype": "bfloat16", "vocab_size": 201088}
            """.formatted(String.join(", ", java.util.Collections.nCopies(18, "\"sliding_attention\", \"full_attention\"")));

    // a multimodal wrapper around the DeepseekV3 text model, INT4 routed experts by compressed-tensors (models.md)
    private static final String KIMI_K26 = """
            {"architectures": ["KimiK25ForConditionalGeneration"], "text_config": {
              "first_k_dense_replace": 1, "hidden_size": 7168, "intermediate_size": 18432, "kv_lora_rank": 512,
              "max_position_embeddings": 262144, "moe_intermediate_size": 2048, "n_routed_experts": 384,
              "n_shared_experts": 1, "num_attention_heads": 64, "num_experts_per_tok": 8, "num_hidden_layers": 61,
              "q_lora_rank": 1536, "qk_nope_head_dim": 128, "qk_rope_head_dim": 64, "v_head_dim": 128,
              "tie_word_embeddings": false, "torch_dtype": "bfloat16", "vocab_size": 163840,
              "quantization_config": {"quant_method": "compressed-tensors", "config_groups": {"group_0": {
                "weights": {"num_bits": 4, "group_size": 32, "symmetric": true, "type": "int"}}}}}}
            """;

    @Test
    void publishedConfigsReadIntoTheCatalogsModels() {
        assertEquals(ModelCatalog.config("llama-3.1-8b"), parse(LLAMA_31_8B, "llama-3.1-8b"));
        assertEquals(ModelCatalog.config("gpt-oss-120b"), parse(GPT_OSS_120B, "gpt-oss-120b"));
        assertEquals(ModelCatalog.config("kimi-k2.6"), parse(KIMI_K26, "kimi-k2.6"));
    }

    @Test
    void theShippedQwen3ConfigHasItsPublishedParameterCounts() {
        // Qwen3-30B-A3B model card: 30.5B parameters in total, 3.3B activated
        ModelSpec m = new ModelRef(null, Path.of("..", "scenarios", "models", "qwen3-30b-a3b", "config.json").toString())
                .spec();
        assertEquals("qwen3-30b-a3b", m.name());
        assertEquals(30.5e9, m.totalParams(), 0.02 * 30.5e9);
        // the card counts the whole embedding table as activated; activeParams counts the one row a token gathers
        assertEquals(3.3e9, m.activeParams() + (long) (m.vocabSize() - 1) * m.hiddenSize(), 0.03 * 3.3e9);
        assertEquals(48, m.moeLayerCount());
    }

    @Test
    void whatTheReaderCannotModelIsRefusedByKey() {
        String sparse = LLAMA_31_8B.replace("\"vocab_size\"", "\"num_experts\": 8, \"num_experts_per_tok\": 2,"
                + " \"moe_intermediate_size\": 1024, \"decoder_sparse_step\": 2, \"vocab_size\"");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse(sparse, "x")).getMessage()
                .startsWith("test/config.json: decoder_sparse_step: only 1"));
        String gptq = LLAMA_31_8B.replace("\"vocab_size\"", "\"quantization_config\": {\"quant_method\": \"gptq\"},"
                + " \"vocab_size\"");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse(gptq, "x")).getMessage()
                .contains("quant_method: must be fp8, fbgemm_fp8, mxfp4, compressed-tensors (4-bit) or modelopt (NVFP4),"
                        + " got 'gptq'"));
        String noHidden = LLAMA_31_8B.replace("\"hidden_size\": 4096,", "");
        assertEquals("test/config.json: hidden_size: required",
                assertThrows(IllegalArgumentException.class, () -> parse(noHidden, "x")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("[1, 2]", "x")).getMessage()
                .contains("not a config.json"));
    }

    /**
     * Meta's FP8 checkpoints name the modules they keep unquantized; whole attention and whole MLPs of a layer are
     * modelled, and a list that keeps part of a layer's projections is refused with the layer named.
     */
    @Test
    void fbgemmFp8_keepsTheNamedModulesAtBaseAndRefusesPartOfALayer() {
        String all = LLAMA_31_8B.replace("\"vocab_size\"", "\"quantization_config\": {\"quant_method\": \"fbgemm_fp8\","
                + " \"modules_to_not_convert\": [%s]}, \"vocab_size\"");
        StringBuilder attention = new StringBuilder("\"lm_head\"");
        for (int i = 0; i < 32; i++) {
            for (String p : new String[] {"q_proj", "k_proj", "v_proj", "o_proj"}) {
                attention.append(", \"model.layers.").append(i).append(".self_attn.").append(p).append('"');
            }
        }
        String mlp = ", \"model.layers.31.mlp.gate_proj\", \"model.layers.31.mlp.up_proj\", \"model.layers.31.mlp.down_proj\"";
        ModelSpec m = parse(all.formatted(attention + mlp), "x").build();
        assertEquals(Precision.BF16, m.layers().get(3).attention().get(0).precision());
        assertEquals(Precision.FP8, m.layers().get(3).denseFfn().get(0).precision());
        assertEquals(Precision.BF16, m.layers().get(31).denseFfn().get(1).precision());
        ModelSpec fp8Attention = parse(all.formatted("\"lm_head\"" + mlp), "x").build();
        assertEquals(Precision.FP8, fp8Attention.layers().get(3).attention().get(0).precision());
        String partial = all.formatted("\"model.layers.2.mlp.up_proj\"");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse(partial, "x")).getMessage()
                .contains("modules_to_not_convert: layer 2 keeps only some"));
        String other = all.formatted("\"model.embed_tokens\"");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse(other, "x")).getMessage()
                .contains("got 'model.embed_tokens'"));
    }

    @Test
    void aConfigThatIsNotThereIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModelRef(null, "no/such/config.json").spec());
        assertEquals("config: no/such/config.json: no such file", e.getMessage());
        assertEquals("such", new ModelRef(null, "no/such/config.json").name());
    }
}
