package org.fabricsim.workloads.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** FLOP and byte counts of a layer and a model against the arithmetic of attention and matrix-vector products. */
class LayerFlopsTest {

    @Test
    void absorbedMla_attendsOverLatentAndRopeKey() {
        LayerSpec layer = ModelCatalog.get("kimi-k2.6").layers().get(5);
        assertEquals(2L * 64 * (512 + 64) + 2L * 64 * 512, layer.attentionFlopsPerContextToken());
        assertEquals((512 + 64) * 2, layer.kvBytesPerToken());
    }

    @Test
    void gqa_scoresAndValuesCostFourFlopsPerHeadDimension() {
        LayerSpec layer = ModelCatalog.get("llama-3.1-70b").layers().get(0);
        assertEquals(4L * 64 * 128, layer.attentionFlopsPerContextToken());
        assertEquals(2L * 8 * 128 * 2, layer.kvBytesPerToken());
    }

    @Test
    void mlaMatrices_followTheDeepSeekShapes() {
        LayerSpec layer = ModelCatalog.get("kimi-k2").layers().get(0);
        var a = layer.attention();
        assertEquals(java.util.List.of("q_a", "q_b", "kv_a", "kv_b", "o"), a.stream().map(MatrixSpec::name).toList());
        assertEquals(1536L * 7168, a.get(0).params());
        assertEquals(64L * 192 * 1536, a.get(1).params());
        assertEquals(576L * 7168, a.get(2).params());
        assertEquals(64L * 256 * 512, a.get(3).params());
        assertEquals(7168L * 64 * 128, a.get(4).params());
    }

    @Test
    void decodeFlops_areTwicePerActiveWeightPlusAttention() {
        for (ModelSpec m : ModelCatalog.all()) {
            int context = 4000;
            long projections = 2 * (m.activeParams() - (m.tiedEmbeddings() ? 0 : m.hiddenSize()));
            assertEquals(projections + m.attentionFlopsPerToken(context + 1), m.decodeFlopsPerToken(context), m.name());
        }
    }

    @Test
    void bf16DenseDecodeAtShortContext_doesAboutOneFlopPerByteRead() {
        ModelSpec m = ModelCatalog.get("llama-3.1-8b");
        double intensity = (double) m.decodeFlopsPerToken(0) / m.decodeBytesRead(0);
        assertEquals(1.0, intensity, 0.01);
    }

    @Test
    void decodeBytesRead_addTheKvCacheOfThePriorContext() {
        ModelSpec m = ModelCatalog.get("kimi-k2.6");
        assertEquals(m.activeWeightBytes() + 70_272L * 10_000, m.decodeBytesRead(10_000));
    }

    @Test
    void causalPrefill_attentionGrowsAsTriangularNumber() {
        LayerSpec layer = ModelCatalog.get("llama-3.1-8b").layers().get(0);
        int n = 1000;
        long attention = layer.flopsForTokens(n, 0) - n * layer.projectionFlopsPerToken();
        assertEquals(layer.attentionFlopsPerContextToken() * n * (n + 1L) / 2, attention);
        assertEquals(attention, layer.attentionFlopsForTokens(n, 0));
    }

    @Test
    void attentionFlopsForTokens_areTheChunksFlopsWithoutItsProjections_slidingWindowToo() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(9);
        ModelSpec oss = ModelCatalog.get("gpt-oss-120b");
        for (LayerSpec layer : new LayerSpec[] {oss.layers().get(0), oss.layers().get(1),
                ModelCatalog.get("kimi-k2.6").layers().get(3)}) {
            for (int trial = 0; trial < 1000; trial++) {
                int n = random.nextInt(2000);
                int prior = random.nextInt(200_000);
                assertEquals(layer.flopsForTokens(n, prior) - n * layer.projectionFlopsPerToken(),
                        layer.attentionFlopsForTokens(n, prior), n + " tokens after " + prior);
            }
        }
    }

    @Test
    void chunkFlops_equalTheSumOfSingleTokenFlops_withAndWithoutWindow() {
        ModelSpec oss = ModelCatalog.get("gpt-oss-120b");
        LayerSpec sliding = oss.layers().get(0);
        LayerSpec full = oss.layers().get(1);
        assertEquals(128, sliding.attentionWindowTokens());
        assertEquals(0, full.attentionWindowTokens());
        for (LayerSpec layer : new LayerSpec[] {sliding, full}) {
            for (int prior : new int[] {0, 50, 127, 128, 500}) {
                for (int n : new int[] {0, 1, 7, 100, 300}) {
                    long sum = 0;
                    for (int i = 0; i < n; i++) {
                        sum += layer.flopsPerToken(prior + i + 1);
                    }
                    assertEquals(sum, layer.flopsForTokens(n, prior), "prior " + prior + " n " + n);
                }
            }
        }
    }

    @Test
    void slidingWindowLayer_stopsGrowingAtTheWindow() {
        LayerSpec sliding = ModelCatalog.get("gpt-oss-120b").layers().get(0);
        assertEquals(sliding.attentionFlops(128), sliding.attentionFlops(100_000));
        assertEquals(sliding.kvBytes(128), sliding.kvBytes(100_000));
        assertTrue(sliding.attentionFlops(64) < sliding.attentionFlops(128));
    }

    @Test
    void prefill_computesLogitsForTheLastTokenOnly() {
        ModelSpec m = ModelCatalog.get("llama-3.1-8b");
        assertEquals(m.forwardFlops(512, 0) - 511 * m.lmHeadFlopsPerToken(), m.prefillFlops(512, 0));
        assertEquals(m.forwardFlops(1, 300), m.decodeFlopsPerToken(300));
    }

    @Test
    void moeActiveFlops_countRouterSharedAndTopKExperts() {
        LayerSpec layer = ModelCatalog.get("deepseek-v3").layers().get(10);
        long expert = 3L * 7168 * 2048;
        long router = 256L * 7168;
        assertEquals(2 * (9 * expert + router), layer.moe().flopsPerToken());
    }

    @Test
    void uniformRouting_touchesTopKExpertsForOneTokenAndNearlyAllForMany() {
        LayerSpec.MoeSpec moe = ModelCatalog.get("kimi-k2.6").layers().get(1).moe();
        assertEquals(8.0, moe.expectedDistinctExperts(1), 1e-9);
        assertEquals(0.0, moe.expectedDistinctExperts(0), 1e-9);
        assertTrue(moe.expectedDistinctExperts(4096) > 383.9);
    }
}
