package org.fabricsim.workloads.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad configuration fields fail with an IllegalArgumentException that names the field. */
class ModelValidationTest {

    private static final MoeConfig MOE = new MoeConfig(8, 2, 1, 64, 1);

    private static void assertNames(String field, Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().startsWith(field + ":"), () -> "expected '" + field + ":' in: " + e.getMessage());
    }

    private static TransformerConfig tiny(int layers, int denseFfn, MoeConfig moe, boolean tied) {
        return new TransformerConfig("tiny", layers, 128, 1000, 2048, tied, new GqaAttention(4, 2, 32), denseFfn,
                moe, WeightPrecisions.uniform(Precision.BF16), Precision.BF16);
    }

    @Test
    void transformerConfig_badFieldsAreNamed() {
        assertNames("layers", () -> tiny(0, 256, null, false));
        assertNames("denseFfnSize", () -> tiny(2, 0, null, false));
        assertNames("denseFfnSize", () -> tiny(2, 0, MOE, false));
        assertNames("moe.firstDenseLayers", () -> tiny(2, 256, new MoeConfig(8, 2, 1, 64, 3), false));
        assertNames("name", () -> TransformerConfig.denseGqa(" ", 2, 128, 4, 2, 32, 256, 1000, 2048, false,
                Precision.BF16));
        assertNames("hiddenSize", () -> TransformerConfig.denseGqa("x", 2, 0, 4, 2, 32, 256, 1000, 2048, false,
                Precision.BF16));
        assertNames("maxContextTokens", () -> TransformerConfig.denseGqa("x", 2, 128, 4, 2, 32, 256, 1000, 0, false,
                Precision.BF16));
        assertNames("weights.lmHead", () -> tiny(2, 256, null, true)
                .withWeights(WeightPrecisions.uniform(Precision.FP8).withRoutedExperts(Precision.INT4)
                        .withLmHead(Precision.BF16)));
    }

    @Test
    void attentionAndMoe_badFieldsAreNamed() {
        assertNames("kvHeads", () -> new GqaAttention(6, 4, 64));
        assertNames("headDim", () -> new GqaAttention(4, 4, 0));
        assertNames("slidingWindowTokens", () -> new GqaAttention(4, 4, 64, -1, 2));
        assertNames("kvLoraRank", () -> new MlaAttention(64, 1536, 0, 128, 64, 128));
        assertNames("qLoraRank", () -> new MlaAttention(64, -1, 512, 128, 64, 128));
        assertNames("activeExperts", () -> new MoeConfig(8, 9, 1, 64, 0));
        assertNames("expertFfnSize", () -> new MoeConfig(8, 2, 1, 0, 0));
    }

    @Test
    void specs_badFieldsAreNamed() {
        assertNames("rows", () -> new MatrixSpec("q", 0, 10, Precision.BF16));
        assertNames("index", () -> new LayerSpec(-1, List.of(), List.of(), null, 0, 0, 1));
        assertNames("attentionWindowTokens", () -> new LayerSpec(0, List.of(), List.of(), null, 0, 0, -5, 1));
        assertNames("attentionHeads", () -> new LayerSpec(0, List.of(), List.of(), null, 0, 0, 0));
        ModelSpec ok = tiny(2, 256, null, false).build();
        assertNames("embedding", () -> new ModelSpec("x", 128, 1000, 2048, ok.layers(),
                new MatrixSpec("e", 999, 128, Precision.BF16), ok.lmHead(), false));
        assertNames("layers", () -> new ModelSpec("x", 128, 1000, 2048, List.of(ok.layers().get(1)),
                ok.embedding(), ok.lmHead(), false));
        assertNames("router", () -> new LayerSpec.MoeSpec(8, 2, 0, new MatrixSpec("r", 7, 128, Precision.BF16),
                ok.layers().get(0).denseFfn(), List.of()));
    }

    @Test
    void tiedEmbeddings_countTheTableOnce() {
        ModelSpec untied = tiny(2, 256, null, false).build();
        ModelSpec tied = tiny(2, 256, null, true).build();
        long table = 1000L * 128;
        assertEquals(table, untied.totalParams() - tied.totalParams());
        assertEquals(2 * table, untied.weightBytes() - tied.weightBytes());
        // the head is read whole either way; only the untied model adds its one looked-up embedding row
        assertEquals(128, untied.activeParams() - tied.activeParams());
    }

    @Test
    void tinyMoe_countsDenseLeadingLayerAndExperts() {
        ModelSpec m = tiny(3, 256, MOE, false).build();
        long attention = 128L * 128 + 2 * 64L * 128 + 128L * 128;
        long dense = 3L * 128 * 256;
        long expert = 3L * 128 * 64;
        long router = 8L * 128;
        long tables = 2L * 1000 * 128;
        assertEquals(3 * attention + dense + 2 * (9 * expert + router) + tables, m.totalParams());
        assertEquals(3 * attention + dense + 2 * (3 * expert + router) + 1000L * 128 + 128, m.activeParams());
        assertEquals(1, m.layerCount() - m.moeLayerCount());
    }
}
