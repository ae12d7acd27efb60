package org.fabricsim.workloads.wafer;

import org.fabricsim.workloads.serving.CalibrationChoice;
import org.fabricsim.workloads.model.ModelRef;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fabricsim.fabric.wafer.ReductionScheme;
import org.fabricsim.fabric.wafer.WaferCalibration;
import org.fabricsim.workloads.model.ModelCatalog;
import org.fabricsim.workloads.serving.ServingPolicy;
import org.junit.jupiter.api.Test;

class WaferSystemConfigTest {

    private static WaferSystemConfig with(String wafer, String wafers, Double hop, String reduction, Double ioBw,
            Double ioLat, Long minKv) {
        return new WaferSystemConfig("w", ModelRef.named("llama-3.1-8b"), null, wafer == null ? null : WaferHardware.named(wafer), wafers, hop, reduction, ioBw, ioLat, minKv, null,
                null, null, null, null, null);
    }

    @Test
    void defaults_areTheDocumentedOnes() {
        WaferSystemConfig c = with(null, null, null, null, null, null, null);
        assertEquals(WaferHardware.named("wse3"), c.wafer());
        assertEquals("auto", c.wafers());
        assertEquals(WaferCalibration.HOP_CYCLES, c.hopCycles());
        assertEquals("two_level", c.costs().reduction());
        // 12 x 100 GbE
        assertEquals(150e9, c.interWaferBandwidthBytesPerS(), 1);
        assertEquals(8192L, c.minKvTokens());
    }

    @Test
    void badValues_areRejectedNamingTheField() {
        assertField("base", () -> with("wse9", null, null, null, null, null, null));
        assertField("wafers", () -> with(null, "two", null, null, null, null, null));
        assertField("wafers", () -> with(null, "0", null, null, null, null, null));
        assertField("hop_cycles", () -> with(null, null, -1.0, null, null, null, null));
        assertField("reduction", () -> with(null, null, null, "ring", null, null, null));
        assertField("inter_wafer_bandwidth_bytes_per_s", () -> with(null, null, null, null, 0.0, null, null));
        assertField("inter_wafer_latency_s", () -> with(null, null, null, null, null, -1e-6, null));
        assertField("min_kv_tokens", () -> with(null, null, null, null, null, null, -1L));
        assertField("fidelity", () -> new WaferSystemConfig("w", ModelRef.named("llama-3.1-8b"), null, null, null, null, null, null, null,
                null, null, null, null, "flit", null, null));
        assertField("kernels", () -> new WaferSystemConfig("w", ModelRef.named("llama-3.1-8b"), null, null, null, null, null, null, null,
                null, null, null, null, null, CalibrationChoice.named("ideal"), null));
        assertField("region_sizing", () -> new WaferSystemConfig("w", ModelRef.named("llama-3.1-8b"), null, null, null, null, null, null,
                null, null, null, null, null, null, null, "flops"));
    }

    private static void assertField(String field, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().startsWith(field + ":"), e.getMessage());
    }

    @Test
    void draftModel_runsOnWafersOfItsOwn_kSequentialPassesBeforeVerify() {
        WaferSystemConfig c = new WaferSystemConfig("w", ModelRef.named("tiny"), null, null, null, null, null, null, null, 256L, null,
                32, 32, null, null, null);
        org.fabricsim.core.timeline.Timeline tl = new org.fabricsim.core.timeline.Timeline();
        WaferPipelineEngine e = (WaferPipelineEngine) c.deploy(SmallModels.dense(4), SmallModels.dense(1), tl,
                new org.fabricsim.core.random.RandomStreams(1)).replicas().get(0);
        double[] done = new double[2];
        e.submit(new org.fabricsim.workloads.serving.Step(List.of(
                new org.fabricsim.workloads.serving.Step.SequenceWork(1, 1, 100, false)), 0), () -> done[0] = tl.now());
        tl.run();
        double start = tl.now();
        e.submit(new org.fabricsim.workloads.serving.Step(List.of(
                new org.fabricsim.workloads.serving.Step.SequenceWork(1, 4, 100, false)), 3), () -> done[1] = tl.now() - start);
        tl.run();
        // the target ran two passes (plain, verify); the 3 draft passes ran on the draft's own pipeline
        assertEquals(2, e.passes());
        assertTrue(done[1] > done[0], "draft passes plus a 4-token verify take longer than one decode");
    }

    private static WaferSystemConfig speculative(String draftHead) {
        ServingPolicy serving = new ServingPolicy(1, null, null, new ServingPolicy.Speculative(null, 1, 3, 0.8, null));
        return new WaferSystemConfig("w", ModelRef.named("llama-3.1-8b"), serving, null, "2", null, null, null, null,
                256L, null, null, null, "analytic", null, null, draftHead);
    }

    @Test
    void draftHead_besideTheLmHead_isPlacedOnTheLastWafer_firstLayersPlacesNone() {
        WaferPlacement beside = speculative("beside_lm_head").place(ModelCatalog.get("llama-3.1-8b"), false,
                org.fabricsim.workloads.serving.PlacementCache.none());
        assertEquals(beside.part(beside.lmHeadPart()).wafer(), beside.part(beside.draftEmbeddingPart()).wafer());
        assertEquals(1, beside.draftLayerParts().length);
        WaferPlacement first = speculative(null).place(ModelCatalog.get("llama-3.1-8b"), false,
                org.fabricsim.workloads.serving.PlacementCache.none());
        assertEquals(-1, first.draftEmbeddingPart());
        assertEquals("first_layers", speculative(null).draftHead());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> speculative("last_wafer"));
        assertTrue(e.getMessage().startsWith("draft_head:") && e.getMessage().contains("beside_lm_head"), e.getMessage());
    }

    @Test
    void describe_reportsWafersPlacementBuildCostAndTheTokenBreakdown() {
        List<String> lines = with(null, null, null, null, null, null, null).describe(ModelCatalog.get("llama-3.1-8b"), null);
        String all = String.join("\n", lines);
        assertTrue(all.contains("pipeline: 1 wse3 wafer(s)"), all);
        assertTrue(all.contains("KV budget"), all);
        assertTrue(all.contains("MB of heap"), all);
        assertTrue(all.contains("us/token"), all);
    }
}
