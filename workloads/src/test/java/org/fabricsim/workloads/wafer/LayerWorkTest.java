package org.fabricsim.workloads.wafer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fabricsim.fabric.wafer.MeshAxis;
import org.fabricsim.fabric.wafer.MeshCostModel;
import org.fabricsim.fabric.wafer.MeshPhase;
import org.fabricsim.fabric.wafer.ReductionScheme;
import org.fabricsim.fabric.wafer.Region;
import org.fabricsim.fabric.wafer.WaferSpec;
import org.fabricsim.workloads.model.MatrixSpec;
import org.fabricsim.workloads.model.Precision;
import org.junit.jupiter.api.Test;

/**
 * A core's GEMV is a stream of AXPYs (each MAC reads its weight and a 16-bit running sum; Cerebras deep
 * dive: 2 x 64-bit reads and 1 x 64-bit write per cycle sustain a full-rate AXPY): the per-core roofline
 * that follows, at full efficiency.
 */
class LayerWorkTest {
    private static final MeshCostModel FULL = new MeshCostModel(ReductionScheme.TWO_LEVEL, 0, 0, 1.0);
    private static final Region ONE_CORE = new Region(0, 0, 1, 1);
    private static final MatrixSpec BF16 = new MatrixSpec("w", 64, 64, Precision.BF16);
    private static final MatrixSpec INT4 = new MatrixSpec("w", 64, 64, Precision.INT4);

    private static double cycles(WaferSpec s, MatrixSpec m, int tokens) {
        MeshPhase p = LayerWork.gemv("w", List.of(m), ONE_CORE, tokens, MeshAxis.ROWS);
        return FULL.computeCycles(s, p);
    }

    @Test
    void singleToken16Bit_onWse2_memoryAndSimdBoundsMeet_fourMacsPerCycle() {
        MeshPhase p = LayerWork.gemv("w", List.of(BF16), ONE_CORE, 1, MeshAxis.ROWS);
        WaferSpec wse2 = WaferSpec.wse2();
        double memory = (double) p.sramBytesPerCore() / wse2.sramReadBytesPerCycle();
        double simd = (double) p.flopsPerCore() / wse2.flopsPerCycle(16);
        assertEquals(memory, simd, 1e-9, "the WSE-2 is built so a 4-wide FP16 AXPY is fed by its read ports");
        assertEquals(BF16.params() / 4.0, cycles(wse2, BF16, 1), 1e-9);
    }

    @Test
    void singleToken16Bit_onWse3_isReadBound_notAtTheEightWideSimd() {
        // 2 B weight + 2 B sum per MAC over 16 B/cycle: 4 MACs/cycle, half the 8-wide SIMD
        assertEquals(BF16.params() / 4.0, cycles(WaferSpec.wse3(), BF16, 1), 1e-9);
    }

    @Test
    void multiTokenPass_readsEachWeightOnce_butEveryTokensSum() {
        WaferSpec wse3 = WaferSpec.wse3();
        int t = 5;
        MeshPhase one = LayerWork.gemv("w", List.of(BF16), ONE_CORE, 1, MeshAxis.ROWS);
        MeshPhase five = LayerWork.gemv("w", List.of(BF16), ONE_CORE, t, MeshAxis.ROWS);
        assertEquals(BF16.bytes() + (long) t * LayerWork.ACCUMULATOR_BYTES * BF16.params(), five.sramBytesPerCore());
        assertEquals(t * one.flopsPerCore(), five.flopsPerCore());
        double c5 = cycles(wse3, BF16, t);
        assertTrue(c5 < t * cycles(wse3, BF16, 1), "weights amortise over the tokens of a pass");
        assertTrue(c5 >= t * BF16.params() / 8.0, "never faster than 8 MACs/cycle, the WSE-3's FP16 SIMD");
    }

    @Test
    void int4Weights_singleToken_costAtLeastTheirMacs_andLessThanBf16Reads() {
        WaferSpec wse3 = WaferSpec.wse3();
        double c = cycles(wse3, INT4, 1);
        assertTrue(c >= INT4.params() / 8.0, "widened to 16 bit, at most 8 MACs/cycle");
        assertTrue(c < cycles(wse3, BF16, 1), "fewer weight bytes to read than BF16");
    }
}
