package org.fabricsim.fabric.wafer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MeshCostModelTest {
    private final WaferSpec spec = WaferSpec.wse3().withGrid(16, 16).withHopCycles(2);
    private final MeshCostModel cost = new MeshCostModel(ReductionScheme.CHAIN, 10, 100, 5);

    @Test
    void compute_memoryBound_isBytesOverSramRate_plusSetupPerInstruction() {
        MeshPhase p = new MeshPhase("gemv", MeshAxis.NONE, false, 0, 1600, 0, 1600, 16, 20);
        // 1600 B / 16 B per cycle = 100 cycles; 1600 FLOP / 16 per cycle = 100; 20 instructions x 5
        assertEquals(200, cost.computeCycles(spec, p), 1e-9);
    }

    @Test
    void compute_sameWork_inFewerLongerInstructions_isFaster() {
        // a tall tile (80 outputs per input element) and a short one (10) doing the same 800 MACs
        MeshPhase tall = new MeshPhase("tall", MeshAxis.NONE, false, 0, 3200, 1600, 1600, 16, 10);
        MeshPhase shortTile = new MeshPhase("short", MeshAxis.NONE, false, 0, 3200, 1600, 1600, 16, 80);
        assertEquals(200 + 50, cost.computeCycles(spec, tall), 1e-9);
        assertEquals(200 + 400, cost.computeCycles(spec, shortTile), 1e-9);
    }

    @Test
    void compute_writeBound_isWrittenBytesOverTheNarrowerWritePort() {
        // 1600 B read / 16 = 100 cycles; 1600 B written / 8 = 200; 1600 FLOP / 16 = 100
        MeshPhase p = new MeshPhase("axpy", MeshAxis.NONE, false, 0, 1600, 1600, 1600, 16);
        assertEquals(200, cost.computeCycles(spec, p), 1e-9);
    }

    @Test
    void compute_flopBound_onWse2HalfTheSimd() {
        WaferSpec wse2 = WaferSpec.wse2();
        MeshPhase p = new MeshPhase("gemv", MeshAxis.NONE, false, 0, 1600, 1600, 16);
        assertEquals(1600 / 8.0, cost.computeCycles(wse2, p), 1e-9);
    }

    @Test
    void rowReduction_onFourByEight_usesEightCoresPerLine() {
        Region r = new Region(0, 0, 4, 8);
        MeshPhase p = new MeshPhase("down", MeshAxis.ROWS, true, 64, 0, 0, 16);
        // chain over 8: 7 (2 + 10) + 7 x 2 back
        assertEquals(7 * 12 + 14, cost.communicationCycles(spec, r, p), 1e-9);
        assertEquals(128, cost.serialBytes(p));
        assertEquals(14, cost.hops(r, p), 0);
        assertEquals(7, cost.stages(r, p));
        assertEquals(cost.hops(r, p) * 2 + cost.stages(r, p) * 10, cost.communicationCycles(spec, r, p), 1e-9);
        // every one of 4 rows moves 64 B to the root and 64 B back over 7 links
        assertEquals(4L * 7 * 128, cost.regionLinkBytes(r, p));
    }

    @Test
    void multicastBothAxes_hasNoStages() {
        Region r = new Region(0, 0, 4, 8);
        MeshPhase p = new MeshPhase("in", MeshAxis.BOTH, false, 32, 0, 0, 16);
        assertEquals((7 + 3) * 2, cost.communicationCycles(spec, r, p), 1e-9);
        assertEquals(64, cost.serialBytes(p));
    }
}
