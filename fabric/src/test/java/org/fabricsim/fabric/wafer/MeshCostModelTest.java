package org.fabricsim.fabric.wafer;

import org.fabricsim.fabric.api.MeshAxis;
import org.fabricsim.fabric.api.MeshPhase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.fabricsim.fabric.api.Region;
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

    @Test
    void peak_bf16Gemv_runsAtTheFullSimdWidth_twiceTheAxpyRate() {
        // 8,000 BF16 weights, one token: AXPY reads weight + sum (32 KB), writes the sum (16 KB), 16,000 FLOP
        MeshPhase p = new MeshPhase("gemv", MeshAxis.NONE, false, 0, 32_000, 16_000, 16_000, 16);
        MeshCostModel axpy = new MeshCostModel(ReductionScheme.CHAIN, 0, 0, 0);
        MeshCostModel peak = MeshCostModel.peak(ReductionScheme.CHAIN);
        // AXPY: the 8 B/cycle write port gives 4 MACs/cycle; peak: 16 B of weights per cycle and an 8-wide
        // 16-bit FMA both give 8 MACs/cycle
        assertEquals(8_000 / 4.0, axpy.computeCycles(spec, p), 1e-9);
        assertEquals(8_000 / 8.0, peak.computeCycles(spec, p), 1e-9);
    }

    @Test
    void peak_int4Gemv_isBoundByTheSimdNotTheReads() {
        // 8,000 INT4 weights (4 KB) with 16-bit sums: reads 4 KB of weights at peak, FLOP-bound at 8 MACs/cycle
        MeshPhase p = new MeshPhase("gemv", MeshAxis.NONE, false, 0, 4_000 + 16_000, 16_000, 16_000, 16);
        assertEquals(1_000, MeshCostModel.peak(ReductionScheme.CHAIN).computeCycles(spec, p), 1e-9);
    }

    @Test
    void peak_isNeverSlowerThanTheCalibratedModel_onAnyPhase() {
        MeshCostModel calibrated = MeshCostModel.calibrated(ReductionScheme.TWO_LEVEL);
        MeshCostModel peak = MeshCostModel.peak(ReductionScheme.TWO_LEVEL);
        SplittableRandom rnd = new SplittableRandom(7);
        MeshAxis[] axes = MeshAxis.values();
        for (int i = 0; i < 2_000; i++) {
            Region r = new Region(0, 0, 1 + rnd.nextInt(16), 1 + rnd.nextInt(16));
            long writes = rnd.nextLong(100_000);
            MeshPhase p = new MeshPhase("p", axes[rnd.nextInt(axes.length)], rnd.nextBoolean(), rnd.nextLong(10_000),
                    writes + rnd.nextLong(100_000), writes, rnd.nextLong(200_000), 16, rnd.nextLong(1_000));
            assertTrue(peak.phaseCycles(spec, r, p) <= calibrated.phaseCycles(spec, r, p), p + " on " + r);
        }
    }
}
