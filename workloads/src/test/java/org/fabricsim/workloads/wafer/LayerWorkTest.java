package org.fabricsim.workloads.wafer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fabricsim.fabric.api.MeshAxis;
import org.fabricsim.fabric.api.Region;
import org.fabricsim.fabric.wafer.MeshCostModel;
import org.fabricsim.fabric.api.MeshPhase;
import org.fabricsim.fabric.wafer.ReductionScheme;
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
    private static final MeshCostModel FULL = new MeshCostModel(ReductionScheme.TWO_LEVEL, 0, 0, 0);
    private static final Region ONE_CORE = new Region(0, 0, 1, 1);
    private static final MatrixSpec BF16 = new MatrixSpec("w", 64, 64, Precision.BF16);
    private static final MatrixSpec INT4 = new MatrixSpec("w", 64, 64, Precision.INT4);

    private static double cycles(WaferSpec s, MatrixSpec m, int tokens) {
        MeshPhase p = LayerWork.gemv("w", List.of(m), ONE_CORE, tokens, MeshAxis.ROWS);
        return FULL.computeCycles(s, p);
    }

    @Test
    void singleToken16Bit_onWse2_readWriteAndSimdBoundsMeet_fourMacsPerCycle() {
        MeshPhase p = LayerWork.gemv("w", List.of(BF16), ONE_CORE, 1, MeshAxis.ROWS);
        WaferSpec wse2 = WaferSpec.wse2();
        double reads = (double) p.sramBytesPerCore() / wse2.sramReadBytesPerCycle();
        double writes = (double) p.sramWriteBytesPerCore() / wse2.sramWriteBytesPerCycle();
        double simd = (double) p.flopsPerCore() / wse2.flopsPerCycle(16);
        assertEquals(reads, simd, 1e-9, "the WSE-2's ports feed a 4-wide FP16 AXPY exactly");
        assertEquals(writes, simd, 1e-9);
        assertEquals(BF16.params() / 4.0, cycles(wse2, BF16, 1), 1e-9);
    }

    @Test
    void singleToken16Bit_onWse3_isPortBound_notAtTheEightWideSimd() {
        // 2 B weight + 2 B sum read per MAC over 16 B/cycle, 2 B written over 8 B/cycle: 4 MACs/cycle
        assertEquals(BF16.params() / 4.0, cycles(WaferSpec.wse3(), BF16, 1), 1e-9);
    }

    @Test
    void multiTokenPass_readsEachWeightOnce_butWritesEveryTokensSum() {
        WaferSpec wse3 = WaferSpec.wse3();
        int t = 5;
        MeshPhase five = LayerWork.gemv("w", List.of(BF16), ONE_CORE, t, MeshAxis.ROWS);
        long sums = (long) t * LayerWork.ACCUMULATOR_BYTES * BF16.params();
        assertEquals(BF16.bytes() + sums, five.sramBytesPerCore(), "weights once, sums per token");
        assertEquals(sums, five.sramWriteBytesPerCore());
        assertEquals(2L * t * BF16.params(), five.flopsPerCore());
        // an SRAM-to-SRAM AXPY writes one sum per MAC: the 8 B/cycle port allows 4 MACs/cycle whatever t is
        assertEquals(t * cycles(wse3, BF16, 1), cycles(wse3, BF16, t), 1e-9);
        assertTrue(cycles(wse3, BF16, t) >= t * BF16.params() / 8.0, "never faster than the 8-wide SIMD");
    }

    @Test
    void int4Weights_singleToken_readLessThanBf16_butWriteAsManySums() {
        WaferSpec wse3 = WaferSpec.wse3();
        MeshPhase p = LayerWork.gemv("w", List.of(INT4), ONE_CORE, 1, MeshAxis.ROWS);
        double reads = (double) p.sramBytesPerCore() / wse3.sramReadBytesPerCycle();
        assertTrue(reads < INT4.params() / 4.0, "0.56 B weight + 2 B sum per MAC read");
        assertEquals(INT4.params() / 4.0, cycles(wse3, INT4, 1), 1e-9, "the write port binds: 4 MACs/cycle");
    }
}
