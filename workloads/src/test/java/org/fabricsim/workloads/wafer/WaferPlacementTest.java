package org.fabricsim.workloads.wafer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fabricsim.fabric.api.Region;
import org.fabricsim.fabric.api.WaferFloorplan;
import org.fabricsim.fabric.wafer.Wafer;
import org.fabricsim.fabric.wafer.WaferCalibration;
import org.fabricsim.fabric.wafer.WaferSpec;
import org.fabricsim.workloads.model.ModelCatalog;
import org.fabricsim.workloads.model.ModelSpec;
import org.fabricsim.workloads.moe.ExpertLayout;
import org.fabricsim.workloads.moe.ExpertPopularity;
import org.junit.jupiter.api.Test;

class WaferPlacementTest {
    private static final int RESERVED = WaferCalibration.RESERVED_SRAM_BYTES_PER_CORE;

    @Test
    void llama8b_fitsOneWse3_withEveryPartInItsOwnRegion() {
        ModelSpec m = ModelCatalog.get("llama-3.1-8b");
        WaferPlacement p = WaferPlacement.place(m, WaferSpec.wse3(), 0, RESERVED, 8192, 1);
        assertEquals(1, p.wafers().size());
        assertEquals(m.layerCount() + 2, p.parts().size());
        assertRegionsDisjointAndWithinCapacity(p);
        assertBytesPlacedEqualModel(p, m);
        assertTrue(p.kvCapacityTokens() >= 8192);
    }

    @Test
    void llama70b_auto_needsFourWse3_asCerebrasServesIt() {
        // 140 GB of BF16 weights against 4 x 44 GB (hardware.md: "70B models fit on as few as four systems")
        ModelSpec m = ModelCatalog.get("llama-3.1-70b");
        WaferPlacement p = WaferPlacement.place(m, WaferSpec.wse3(), 0, RESERVED, 8192, 1);
        assertEquals(4, p.wafers().size());
        assertRegionsDisjointAndWithinCapacity(p);
        assertBytesPlacedEqualModel(p, m);
        // layers stay in order along the pipeline
        int lastWafer = 0;
        for (int l = 0; l < m.layerCount(); l++) {
            int w = p.part(p.layerPart(l)).wafer();
            assertTrue(w == lastWafer || w == lastWafer + 1, "layer " + l);
            lastWafer = w;
        }
        List<String> d = p.describe();
        assertTrue(d.get(0).contains("4 wse3 wafer(s)"), d.get(0));
        assertEquals(5, d.size());
        assertTrue(d.get(1).contains("KV budget"), d.get(1));
    }

    @Test
    void llama70b_onTwoWafers_isACapacityErrorNamingTheShortfall() {
        ModelSpec m = ModelCatalog.get("llama-3.1-70b");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WaferPlacement.place(m, WaferSpec.wse3(), 2, RESERVED, 8192, 1));
        assertTrue(e.getMessage().startsWith("wafers:"), e.getMessage());
        assertTrue(e.getMessage().contains("needs at least 4"), e.getMessage());
    }

    @Test
    void moe_expertsGetRegionsOfTheirOwn() {
        ModelSpec m = SmallModels.moe();
        WaferPlacement p = WaferPlacement.place(m, WaferSpec.wse3().withGrid(96, 96), 0, RESERVED, 64, 1);
        int experts = 0;
        for (WaferPlacement.PlacedPart part : p.parts()) {
            if (part.part().kind() == PartKind.EXPERT) {
                experts++;
            }
        }
        assertEquals(2 * 16, experts);
        assertEquals(16, p.expertParts(1).length);
        assertEquals(1, p.sharedExpertParts(1).length);
        assertRegionsDisjointAndWithinCapacity(p);
        assertBytesPlacedEqualModel(p, m);
    }

    @Test
    void kimi_eachMoeLayerHasAStripOfItsOwn_withItsAttentionNearTheStripsCentre() {
        // a token goes from its layer's attention to 8 of 384 experts and back: the farthest expert, not the
        // nearest, sets the critical path, so a layer's experts share an area of their own around its hub
        ModelSpec m = ModelCatalog.get("kimi-k2.6");
        WaferPlacement p = WaferPlacement.place(m, WaferSpec.wse3(), 0, RESERVED, 8192, 1);
        assertRegionsDisjointAndWithinCapacity(p);
        assertBytesPlacedEqualModel(p, m);
        int rows = WaferSpec.wse3().rows();
        for (int l = 0; l < m.layerCount(); l++) {
            if (m.layers().get(l).moe() == null) {
                continue;
            }
            WaferPlacement.PlacedPart hub = p.part(p.layerPart(l));
            int west = Integer.MAX_VALUE;
            int east = 0;
            for (int e : p.expertParts(l)) {
                Region r = p.part(e).region();
                west = Math.min(west, r.col0());
                east = Math.max(east, r.col0() + r.cols());
            }
            // no part of another layer on the same wafer lies in this layer's columns
            for (WaferPlacement.PlacedPart other : p.parts()) {
                if (other.wafer() == hub.wafer() && other.part().layer() >= 0 && other.part().layer() != l) {
                    Region r = other.region();
                    assertTrue(r.col0() + r.cols() <= west || r.col0() >= east,
                            other.part().label() + " in the strip of layer " + l);
                }
            }
            // the hub's centre within a tenth of the strip's centre, across and along
            Region h = hub.region();
            double midRow = h.row0() + h.rows() / 2.0;
            double midCol = h.col0() + h.cols() / 2.0;
            assertEquals(rows / 2.0, midRow, rows / 10.0, "layer " + l + " hub row");
            assertEquals((west + east) / 2.0, midCol, (east - west) / 10.0, "layer " + l + " hub column");
        }
    }

    private static long macs(WaferPlacement.PlacedPart p) {
        return p.part().matrices().stream().mapToLong(org.fabricsim.workloads.model.MatrixSpec::params).sum();
    }

    @Test
    void criticalPathSizing_withSramToSpare_sharesCoresAsTheSquareRootOfPathWork() {
        // a step of T tokens spends T x MACs_hub / X on the hub, then W_e / Y on its busiest routed expert
        // (W_e = max(1, T k / E) x MACs: here one token) in parallel with T x MACs_shared / S on the shared
        // one. Balancing the parallel pair gives S / Y = T x MACs_shared / W_e, and minimising the sum with
        // X + (E + S / Y) Y cores fixed (Lagrange) gives X / Y = sqrt(T x MACs_hub x (E + S / Y) / W_e)
        ModelSpec m = SmallModels.moe(2, 128, 1);
        int stepTokens = 4;
        WaferPlacement p = WaferPlacement.place(m, WaferSpec.wse3().withGrid(96, 96), 1, RESERVED, 64, 1,
                ExpertLayout::single, RegionSizing.CRITICAL_PATH, stepTokens);
        assertRegionsDisjointAndWithinCapacity(p);
        assertBytesPlacedEqualModel(p, m);
        for (int layer = 1; layer <= 2; layer++) {
            WaferPlacement.PlacedPart hub = p.part(p.layerPart(layer));
            WaferPlacement.PlacedPart expert = p.part(p.expertParts(layer)[0]);
            WaferPlacement.PlacedPart shared = p.part(p.sharedExpertParts(layer)[0]);
            double routedWork = Math.max(1.0, stepTokens * 2.0 / 16) * macs(expert);
            double sharedOverRouted = stepTokens * macs(shared) / routedWork;
            double hubOverRouted = Math.sqrt(stepTokens * macs(hub) * (16 + sharedOverRouted) / routedWork);
            // cells are whole rows and columns of a few cores each: a quarter either way
            assertEquals(hubOverRouted, (double) hub.region().cores() / expert.region().cores(), 0.25 * hubOverRouted,
                    "layer " + layer + " hub/expert cores");
            assertEquals(sharedOverRouted, (double) shared.region().cores() / expert.region().cores(),
                    0.25 * sharedOverRouted, "layer " + layer + " shared/expert cores");
        }
    }

    @Test
    void kimi_criticalPathSizing_givesTheHubTheCoresEveryTokenCrosses_withinWhatTheExpertsLeave() {
        ModelSpec m = ModelCatalog.get("kimi-k2.6");
        int stepTokens = 4;
        WaferPlacement bytes = WaferPlacement.place(m, WaferSpec.wse3(), 0, RESERVED, 8192, 1, ExpertLayout::single,
                RegionSizing.BYTES, stepTokens);
        WaferPlacement path = WaferPlacement.place(m, WaferSpec.wse3(), 0, RESERVED, 8192, 1, ExpertLayout::single,
                RegionSizing.CRITICAL_PATH, stepTokens);
        // the wafer count is decided by bytes; every byte still placed, no core over its SRAM
        assertEquals(bytes.wafers().size(), path.wafers().size());
        assertRegionsDisjointAndWithinCapacity(path);
        assertBytesPlacedEqualModel(path, m);
        int l = 30;
        WaferPlacement.PlacedPart hub = path.part(path.layerPart(l));
        WaferPlacement.PlacedPart expert = path.part(path.expertParts(l)[0]);
        WaferPlacement.PlacedPart shared = path.part(path.sharedExpertParts(l)[0]);
        double n = path.expertParts(l).length + (double) stepTokens * macs(shared) / macs(expert);
        double unconstrained = Math.sqrt((double) stepTokens * macs(hub) * n / macs(expert));
        double before = (double) bytes.part(bytes.layerPart(l)).region().cores()
                / bytes.part(bytes.expertParts(l)[0]).region().cores();
        double after = (double) hub.region().cores() / expert.region().cores();
        // bytes alone give the hub ~9 experts' worth of cores; the path asks ~70; SRAM decides in between
        assertTrue(before < 0.25 * unconstrained, "by bytes " + before + " of " + unconstrained);
        assertTrue(after > 3 * before && after < 1.25 * unconstrained, "by path " + after + " of " + unconstrained);
        // a decode step's per-core compute along the path (hub, then its busiest expert region) falls, though
        // the experts, now fuller, each take longer
        assertTrue(pathWork(path, l, stepTokens) < 0.85 * pathWork(bytes, l, stepTokens));
        // the hub's spare SRAM is KV cache: more cores, more context
        assertTrue(path.kvCapacityTokens() > bytes.kvCapacityTokens());
    }

    /** MACs per core of a step of T tokens on layer l's hub plus its slowest expert region (one token each). */
    private static double pathWork(WaferPlacement p, int l, int stepTokens) {
        WaferPlacement.PlacedPart hub = p.part(p.layerPart(l));
        double slowest = 0;
        for (int e : p.expertParts(l)) {
            slowest = Math.max(slowest, (double) macs(p.part(e)) / p.part(e).region().cores());
        }
        for (int e : p.sharedExpertParts(l)) {
            slowest = Math.max(slowest, (double) stepTokens * macs(p.part(e)) / p.part(e).region().cores());
        }
        return (double) stepTokens * macs(hub) / hub.region().cores() + slowest;
    }

    private static final double[] ZIPF_16 = new ExpertPopularity("zipf", 1.0, null).weights(16, null);

    private static WaferPlacement withReplicas(int grid, int wafers, int hotReplicas) {
        return WaferPlacement.place(SmallModels.moe(), WaferSpec.wse3().withGrid(grid, grid), wafers, RESERVED, 64, 1,
                experts -> ExpertLayout.of(ZIPF_16, hotReplicas));
    }

    @Test
    void hotReplicas_getRegionsOfTheirOwn_onTheirLayersWafer_holdingExactlyTheirBytesMore() {
        ModelSpec m = SmallModels.moe();
        WaferPlacement none = withReplicas(96, 0, 0);
        WaferPlacement p = withReplicas(96, 0, 4);
        // 2 MoE layers, each with 4 more expert regions
        assertEquals(none.parts().size() + 2 * 4, p.parts().size());
        for (int layer = 1; layer <= 2; layer++) {
            int[] copies = p.expertParts(layer);
            assertEquals(16 + 4, copies.length);
            ExpertLayout l = p.expertLayout(layer);
            for (int c = 16; c < copies.length; c++) {
                WaferPlacement.PlacedPart replica = p.part(copies[c]);
                // the hottest four of Zipf are experts 0-3
                assertEquals(c - 16, replica.part().expert());
                assertEquals(l.expertOf(c), replica.part().expert());
                assertEquals(p.part(p.layerPart(layer)).wafer(), replica.wafer());
                assertTrue(replica.regionId() != p.part(copies[l.expertOf(c)]).regionId());
            }
        }
        assertRegionsDisjointAndWithinCapacity(p);
        long placed = 0;
        for (WaferPlacement.PlacedPart part : p.parts()) {
            placed += part.part().weightBytes();
        }
        assertEquals(m.weightBytes() + 2L * 4 * m.layers().get(1).moe().expertBytes(), placed);
    }

    @Test
    void hotReplicas_needMoreWafers_andAFixedCountThatCannotHoldThemIsRefusedSayingSo() {
        // a 20 x 20 grid holds the small MoE on one wafer, but not with every expert doubled
        assertEquals(1, withReplicas(20, 0, 0).wafers().size());
        assertEquals(2, withReplicas(20, 0, 16).wafers().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withReplicas(20, 1, 16));
        assertTrue(e.getMessage().startsWith("wafers:") && e.getMessage().contains("32 hot-expert replica regions")
                && e.getMessage().contains("needs at least 2"), e.getMessage());
    }

    static void assertRegionsDisjointAndWithinCapacity(WaferPlacement p) {
        for (int w = 0; w < p.wafers().size(); w++) {
            WaferFloorplan wafer = p.wafers().get(w);
            for (int i = 0; i < wafer.regionCount(); i++) {
                Region a = wafer.region(i);
                assertTrue(a.fitsIn(wafer.spec().rows(), wafer.spec().cols()));
                assertTrue(wafer.freeBytesPerCore(i) >= 0, wafer.label(i) + " stores more than a core holds");
                for (int j = i + 1; j < wafer.regionCount(); j++) {
                    assertFalse(a.overlaps(wafer.region(j)), wafer.label(i) + " overlaps " + wafer.label(j));
                }
            }
        }
    }

    /** Every weight byte of the model is on some core, and no more than rounding up per core adds. */
    static void assertBytesPlacedEqualModel(WaferPlacement p, ModelSpec m) {
        long placed = 0;
        long slack = 0;
        for (WaferPlacement.PlacedPart part : p.parts()) {
            placed += part.part().weightBytes();
            slack += part.region().cores();
        }
        long expected = m.weightBytes();
        if (!m.tiedEmbeddings()) {
            assertEquals(expected, placed);
        }
        long onCores = 0;
        for (WaferFloorplan w : p.wafers()) {
            onCores += w.sramBytesUsed();
        }
        assertTrue(onCores >= placed, "SRAM holds at least the weights");
        assertTrue(slack > 0);
    }
}
