package org.fabricsim.workloads.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Catalog models against published parameter counts, KV-cache sizes and checkpoint sizes
 * (/work/shared/reference/models.md, model cards).
 */
class ModelCatalogTest {

    private static final double TOLERANCE = 0.02;

    private static void assertWithin(double published, double computed, String what) {
        double error = Math.abs(computed - published) / published;
        assertTrue(error <= TOLERANCE, () -> what + ": computed " + computed + " vs published " + published
                + " (" + Math.round(error * 1000) / 10.0 + "% off)");
    }

    @Test
    void kimiK2_paramsMatchPublishedOneTrillionTotal32BillionActive() {
        for (String name : new String[] {"kimi-k2", "kimi-k2.6"}) {
            ModelSpec m = ModelCatalog.get(name);
            assertWithin(1.04e12, m.totalParams(), name + " total");
            assertWithin(32e9, m.activeParams(), name + " active");
            assertEquals(61, m.layerCount());
            assertEquals(60, m.moeLayerCount());
        }
    }

    @Test
    void deepseekV3_paramsMatchPublished671BillionTotal37BillionActiveWithoutMtp() {
        ModelSpec m = ModelCatalog.get("deepseek-v3");
        assertWithin(671e9, m.totalParams(), "total");
        assertWithin(37e9, m.activeParams(), "active");
        assertEquals(58, m.moeLayerCount());
    }

    @Test
    void llama_totalParamsMatchPublished() {
        assertWithin(8.03e9, ModelCatalog.get("llama-3.1-8b").totalParams(), "8B");
        assertWithin(70.6e9, ModelCatalog.get("llama-3.1-70b").totalParams(), "70B");
        assertWithin(405.9e9, ModelCatalog.get("llama-3.1-405b").totalParams(), "405B");
        assertWithin(69e9, ModelCatalog.get("llama-2-70b").totalParams(), "Llama 2 70B");
    }

    @Test
    void denseModel_activeIsTotalMinusUnusedEmbeddingRows() {
        ModelSpec m = ModelCatalog.get("llama-3.1-8b");
        assertEquals(m.totalParams() - (long) (m.vocabSize() - 1) * m.hiddenSize(), m.activeParams());
    }

    @Test
    void gptOss120b_paramsMatchModelCard() {
        ModelSpec m = ModelCatalog.get("gpt-oss-120b");
        assertWithin(116.83e9, m.totalParams(), "total");
        assertWithin(5.13e9, m.activeParams(), "active");
    }

    @Test
    void gptOss120b_weightBytesMatchThe60Point8GibCheckpoint() {
        assertWithin(60.8 * (1L << 30), ModelCatalog.get("gpt-oss-120b").weightBytes(), "checkpoint");
    }

    /**
     * Meta's FP8 Llama 3.1 405B keeps every attention projection, the first and last layers' MLPs and the LM head in
     * BF16: vLLM logged 56.7677 GiB of weights per GPU loading it at TP8 on dstack's D4 machine (gpu-curves.md D4;
     * vocabulary-parallel embedding and head, so a GPU holds an eighth of everything); an FP8 attention would be 9 GB
     * less per GPU.
     */
    @Test
    void llama405bFp8_weightBytesMatchVllmsLoadedGibPerGpuAtTp8() {
        ModelSpec m = ModelCatalog.get("llama-3.1-405b-fp8");
        assertWithin(56.7677 * (1L << 30), m.weightBytes() / 8.0, "per GPU at TP8");
        LayerSpec middle = m.layers().get(60);
        assertEquals(Precision.BF16, middle.attention().get(0).precision());
        assertEquals(Precision.FP8, middle.denseFfn().get(0).precision());
        assertEquals(Precision.BF16, m.layers().get(0).denseFfn().get(2).precision());
        assertEquals(Precision.BF16, m.layers().get(125).denseFfn().get(0).precision());
        assertEquals(ModelCatalog.get("llama-3.1-405b").totalParams(), m.totalParams());
    }

    @Test
    void mlaModels_cacheLatentPlusRopeKeyInBf16_70272BytesPerToken() {
        long expected = (512 + 64) * 61 * 2;
        assertEquals(70_272, expected);
        for (String name : new String[] {"kimi-k2.6", "kimi-k2", "deepseek-v3"}) {
            assertEquals(expected, ModelCatalog.get(name).kvBytesPerToken(), name);
        }
    }

    @Test
    void llama_kvBytesPerTokenAre128_320_504KiB() {
        assertEquals(128 * 1024, ModelCatalog.get("llama-3.1-8b").kvBytesPerToken());
        assertEquals(320 * 1024, ModelCatalog.get("llama-3.1-70b").kvBytesPerToken());
        assertEquals(504 * 1024, ModelCatalog.get("llama-3.1-405b").kvBytesPerToken());
        assertEquals(320 * 1024, ModelCatalog.get("llama-2-70b").kvBytesPerToken());
    }

    @Test
    void gptOss120b_slidingLayersKeepOnly128TokensOfKv() {
        ModelSpec m = ModelCatalog.get("gpt-oss-120b");
        long perLayer = 2L * 8 * 64 * 2;
        assertEquals(36 * perLayer, m.kvBytesPerToken());
        assertEquals(36 * perLayer * 100, m.kvBytes(100));
        int context = 100_000;
        assertEquals(18 * perLayer * context + 18 * perLayer * 128, m.kvBytes(context));
    }

    @Test
    void kimiK26_int4ExpertsBringWeightsToAbout594GB() {
        ModelSpec m = ModelCatalog.get("kimi-k2.6");
        long routedExpertParams = 60L * 384 * 3 * 7168 * 2048;
        long expected = routedExpertParams * 9 / 16 + (m.totalParams() - routedExpertParams) * 2;
        assertEquals(expected, m.weightBytes());
        assertTrue(m.weightBytes() > 0.55e12 && m.weightBytes() < 0.6e12, () -> "bytes " + m.weightBytes());
    }

    @Test
    void kimiK26_decodeAtBatchOneSkipsAllButEightOf384RoutedExperts() {
        ModelSpec m = ModelCatalog.get("kimi-k2.6");
        long expertBytes = 3L * 7168 * 2048 * 9 / 16;
        long skippedExperts = 60L * (384 - 8) * expertBytes;
        long unusedEmbeddingRows = (long) (m.vocabSize() - 1) * m.hiddenSize() * 2;
        assertEquals(m.weightBytes() - skippedExperts - unusedEmbeddingRows, m.activeWeightBytes());
        for (LayerSpec layer : m.layers()) {
            if (layer.isMoe()) {
                long routedTotal = 384 * layer.moe().expertBytes();
                long routedActive = layer.activeWeightBytes() - (layer.weightBytes() - routedTotal);
                assertEquals(8.0 / 384, (double) routedActive / routedTotal, 1e-12);
            }
        }
    }

    @Test
    void bf16DenseModel_storesTwoBytesPerParameter() {
        for (String name : new String[] {"llama-3.1-8b", "llama-3.1-70b", "llama-3.1-405b", "llama-2-70b"}) {
            ModelSpec m = ModelCatalog.get(name);
            assertEquals(2 * m.totalParams(), m.weightBytes(), name);
        }
    }

    @Test
    void fp8Models_storeAboutOneBytePerParameter() {
        for (String name : new String[] {"kimi-k2", "deepseek-v3"}) {
            ModelSpec m = ModelCatalog.get(name);
            double bytesPerParam = (double) m.weightBytes() / m.totalParams();
            assertTrue(bytesPerParam > 1.0 && bytesPerParam < 1.01, () -> name + ": " + bytesPerParam);
        }
    }

    @Test
    void names_listEveryModelAndGetBuildsIt() {
        assertEquals(java.util.List.of("kimi-k2.6", "kimi-k2", "deepseek-v3", "deepseek-r1-nvfp4",
                "llama-3.1-8b", "llama-3.1-70b",
                "llama-3.1-405b", "llama-3.1-405b-fp8", "llama-2-70b", "gpt-oss-120b"), ModelCatalog.names());
        for (String name : ModelCatalog.names()) {
            assertEquals(name, ModelCatalog.get(name).name());
        }
        assertEquals("kimi-k2.6", ModelCatalog.get(" Kimi-K2.6 ").name());
    }

    @Test
    void unknownName_failsListingKnownNamesAndNearestMatch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelCatalog.get("kimi-k26"));
        assertTrue(e.getMessage().startsWith("name:"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'kimi-k2.6'"), e.getMessage());
        assertTrue(e.getMessage().contains("llama-3.1-405b"), e.getMessage());
        IllegalArgumentException far = assertThrows(IllegalArgumentException.class,
                () -> ModelCatalog.get("mixtral-8x22b-instruct"));
        assertTrue(!far.getMessage().contains("did you mean"), far.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelCatalog.get(null));
    }

    @Test
    void kimiK26_servesA256KContextAndK2A128KContext() {
        assertEquals(262_144, ModelCatalog.get("kimi-k2.6").maxContextTokens());
        assertEquals(131_072, ModelCatalog.get("kimi-k2").maxContextTokens());
        assertEquals(4_096, ModelCatalog.get("llama-2-70b").maxContextTokens());
    }
}
