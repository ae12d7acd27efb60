package org.fabricsim.fabric.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.fabricsim.fabric.api.MathPrecision;
import org.junit.jupiter.api.Test;

class KernelModelTest {
    private final KernelModel graphed = new KernelModel(GpuSpec.H100_SXM, GpuCalibration.DEFAULT, true);
    private final KernelModel eager = new KernelModel(GpuSpec.H100_SXM, GpuCalibration.DEFAULT, false);

    @Test
    void kernel_neverBeatsHbmBandwidthNorPeakFlops() {
        Random r = new Random(7);
        for (int i = 0; i < 1000; i++) {
            double flops = Math.pow(10, 3 + 12 * r.nextDouble());
            double bytes = Math.pow(10, 3 + 8 * r.nextDouble());
            for (MathPrecision p : MathPrecision.values()) {
                double t = graphed.kernelS(flops, bytes, p);
                assertTrue(t >= bytes / GpuSpec.H100_SXM.hbmBandwidthBytesPerS());
                assertTrue(t >= flops / GpuSpec.H100_SXM.peakFlops(p));
            }
        }
    }

    @Test
    void gemv_isMemoryBound_andLargeGemm_isComputeBound() {
        // one 4096 x 4096 BF16 matrix: 33.6 MB, 33.6 MFLOP per token
        double bytes = 4096.0 * 4096 * 2;
        double flopsPerToken = 2.0 * 4096 * 4096;
        double one = graphed.rooflineS(flopsPerToken, bytes, MathPrecision.BF16);
        assertEquals(bytes / graphed.achievedHbmBytesPerS(), one, 1e-15);
        double many = graphed.rooflineS(4096 * flopsPerToken, bytes, MathPrecision.BF16);
        assertEquals(4096 * flopsPerToken / graphed.achievedFlopsPerS(MathPrecision.BF16), many, 1e-15);
        // batch raises the time only once the FLOP term overtakes the byte term (ridge point ~ 295 tokens at BF16)
        double ridge = graphed.achievedFlopsPerS(MathPrecision.BF16) / graphed.achievedHbmBytesPerS() * bytes
                / flopsPerToken;
        assertTrue(ridge > 100 && ridge < 1000, "ridge " + ridge);
        assertEquals(one, graphed.rooflineS(0.5 * ridge * flopsPerToken, bytes, MathPrecision.BF16), 1e-15);
    }

    @Test
    void fp8_halvesComputeBoundTime() {
        double f = 1e15;
        assertEquals(0.5, graphed.rooflineS(f, 0, MathPrecision.FP8) / graphed.rooflineS(f, 0, MathPrecision.BF16), 1e-3);
    }

    @Test
    void eager_costsMoreLaunchOverheadThanGraphed() {
        assertTrue(eager.launchOverheadS() > graphed.launchOverheadS());
        assertEquals(eager.launchOverheadS() - graphed.launchOverheadS(),
                eager.kernelS(1, 1, MathPrecision.BF16) - graphed.kernelS(1, 1, MathPrecision.BF16), 1e-15);
    }

    @Test
    void gemmKernel_neverFinishesUnderTheFloor_andIsTheRooflineAboveIt() {
        double floor = GpuCalibration.DEFAULT.gemmKernelFloorS();
        assertEquals(floor + graphed.launchOverheadS(), graphed.gemmKernelS(2.0 * 7168, 7168 * 2.0, MathPrecision.BF16),
                1e-15);
        // a 1 GB weight read is far above the floor: plain roofline
        double big = 1e9;
        assertEquals(graphed.kernelS(2.0 * big / 2, big, MathPrecision.BF16),
                graphed.gemmKernelS(2.0 * big / 2, big, MathPrecision.BF16), 1e-15);
        assertTrue(big / graphed.achievedHbmBytesPerS() > floor);
    }
}
