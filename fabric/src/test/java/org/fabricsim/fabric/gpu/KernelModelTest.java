package org.fabricsim.fabric.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.fabricsim.fabric.api.GemmShape;
import org.fabricsim.fabric.api.KernelWork;
import org.fabricsim.fabric.api.MathPrecision;
import org.junit.jupiter.api.Test;

/** The kernel model against the GPU's structure: rooflines, waves of tiles, Little's law, L2, dequantisation. */
class KernelModelTest {
    private static final GpuSpec H100 = GpuSpec.H100_SXM;
    private static final GpuCalibration CAL = GpuCalibration.DEFAULT;
    private final KernelModel graphed = new KernelModel(H100, CAL, true);
    private final KernelModel eager = new KernelModel(H100, CAL, false);

    /** A BF16 GEMM of m tokens by an n x k weight, its bytes the weights and the activations. */
    private static KernelWork gemm(double m, double n, double k, int groups, MathPrecision p, double bitsPerWeight,
            boolean dequantised) {
        double weights = groups * n * k * bitsPerWeight / 8;
        double activations = groups * m * (n + k) * 2;
        return new KernelWork(groups * 2 * m * n * k, weights + activations, activations, p,
                new GemmShape(m, n, k, groups, dequantised));
    }

    @Test
    void noKernelBeatsHbmBandwidthNorPeakFlops() {
        Random r = new Random(7);
        for (int i = 0; i < 1000; i++) {
            double m = 1 + r.nextInt(4096);
            double n = 64 + r.nextInt(16384);
            double k = 64 + r.nextInt(16384);
            for (MathPrecision p : MathPrecision.values()) {
                KernelWork g = gemm(m, n, k, 1 + r.nextInt(8), p, 16, false);
                double t = graphed.busyS(g);
                assertTrue(t >= graphed.hbmTrafficBytes(g) / H100.hbmBandwidthBytesPerS());
                assertTrue(t >= g.flops() / H100.peakFlops(p));
                KernelWork s = KernelWork.streaming(g.flops(), g.hbmBytes(), p);
                assertTrue(graphed.busyS(s) >= s.hbmBytes() / H100.hbmBandwidthBytesPerS());
            }
        }
    }

    @Test
    void aStreamingKernelOverEverySm_takesOneLatencyAndItsBytesAtTheAchievedBandwidth() {
        double bytes = 2e10;
        KernelWork k = KernelWork.streaming(0, bytes, MathPrecision.BF16);
        assertEquals(H100.hbmLatencyS() + bytes / graphed.achievedHbmBytesPerS(), graphed.busyS(k), 1e-15);
    }

    @Test
    void oneTileMoreThanAWave_costsTwoFullWaves() {
        int sms = H100.smCount();
        // 128-token rows, 128-column BF16 tiles, a deep reduction: compute-bound
        double oneWave = graphed.computeS(gemm(128, 128.0 * sms, 16384, 1, MathPrecision.BF16, 16, false));
        double oneMore = graphed.computeS(gemm(128, 128.0 * (sms + 1), 16384, 1, MathPrecision.BF16, 16, false));
        double twoWaves = graphed.computeS(gemm(128, 128.0 * 2 * sms, 16384, 1, MathPrecision.BF16, 16, false));
        assertEquals(twoWaves, oneMore, 1e-15);
        assertEquals(2 * oneWave, twoWaves, 1e-15);
        // and one full wave is the plain roofline: the GPU's whole peak on exactly as many tiles as SMs
        KernelWork full = gemm(128, 128.0 * sms, 16384, 1, MathPrecision.BF16, 16, false);
        assertEquals(full.flops() / graphed.achievedFlopsPerS(MathPrecision.BF16), oneWave, 1e-12 * oneWave);
    }

    @Test
    void aSmallRead_cannotStreamFasterThanItsBytesInFlightOverTheLatency() {
        // one output tile too shallow to split (256 deep): one SM streams a 64 KB weight
        KernelWork one = gemm(1, 128, 256, 1, MathPrecision.BF16, 16, false);
        assertEquals(1, graphed.activeSms(one));
        double rate = graphed.hbmTrafficBytes(one) / graphed.memoryS(one);
        assertTrue(rate <= CAL.bytesInFlightPerSm() / H100.hbmLatencyS(), rate + " B/s");
        // a read of less than one SM's bytes in flight takes at least one latency, over every SM
        KernelWork tiny = KernelWork.streaming(0, 0.5 * CAL.bytesInFlightPerSm(), MathPrecision.BF16);
        assertTrue(graphed.busyS(tiny) >= H100.hbmLatencyS());
        // sixteen such tiles side by side stream sixteen times as fast, far below the HBM bandwidth
        KernelWork sixteen = gemm(1, 16 * 128, 256, 1, MathPrecision.BF16, 16, false);
        assertEquals(16 * CAL.bytesInFlightPerSm() / H100.hbmLatencyS(), graphed.streamBytesPerS(16), 1e-6);
        assertEquals(16, graphed.activeSms(sixteen));
    }

    @Test
    void aGemmOfFewTiles_splitsItsReductionToFillTheSms_andThenStreamsAtFullBandwidth() {
        // one 128-column tile of a 32k-deep weight: 128 slices of 256, on 128 SMs
        KernelWork deep = gemm(1, 128, 32768, 1, MathPrecision.BF16, 16, false);
        assertEquals(128, graphed.splits(deep.gemm(), MathPrecision.BF16));
        assertEquals(128, graphed.activeSms(deep));
        double l2 = graphed.l2Bytes(deep);
        assertEquals(H100.hbmLatencyS() + graphed.hbmTrafficBytes(deep) / graphed.achievedHbmBytesPerS()
                + l2 / H100.l2BandwidthBytesPerS(), graphed.memoryS(deep), 1e-15);
        // a GEMM with a full wave of tiles is not split
        assertEquals(1, graphed.splits(gemm(64, 128.0 * H100.smCount(), 32768, 1, MathPrecision.BF16, 16, false).gemm(),
                MathPrecision.BF16));
    }

    @Test
    void activationsThatFitInL2_doNotReachHbm_andLargerOnesDo() {
        double small = H100.l2Bytes() / 4.0;
        KernelWork fits = new KernelWork(0, small, small, MathPrecision.BF16, null);
        assertEquals(0, graphed.hbmTrafficBytes(fits));
        assertTrue(graphed.memoryS(fits) < graphed.memoryS(KernelWork.streaming(0, small, MathPrecision.BF16)));
        double big = H100.l2Bytes() * 2.0;
        assertEquals(big, graphed.hbmTrafficBytes(new KernelWork(0, big, big, MathPrecision.BF16, null)));
    }

    @Test
    void int4WeightsOnFewSms_payTheirDequantisation_andFp8DoesNot() {
        // 8 tiles of a 1024 x 512 int4 weight at batch 1, split twice: 16 SMs convert 0.5 M weights
        KernelWork w4a16 = gemm(1, 1024, 512, 1, MathPrecision.BF16, 4.5, true);
        assertEquals(16, graphed.activeSms(w4a16));
        double dequant = 1024.0 * 512 / (16 * CAL.dequantWeightsPerSmCycle() * H100.clockHz());
        assertEquals(dequant, graphed.dequantS(w4a16), 1e-15);
        assertEquals(0, graphed.dequantS(gemm(1, 1024, 512, 1, MathPrecision.FP8, 8, false)));
        assertTrue(graphed.busyS(w4a16) >= dequant);
    }

    @Test
    void eager_addsTheHostLaunchToEveryKernel() {
        KernelWork k = KernelWork.streaming(1, 1, MathPrecision.BF16);
        assertEquals(H100.launchLatencyS(), graphed.launchOverheadS(), 1e-18);
        assertEquals(CAL.eagerLaunchExtraS(), eager.kernelS(k) - graphed.kernelS(k), 1e-15);
    }

    @Test
    void fp8_halvesComputeBoundTime() {
        KernelWork bf16 = KernelWork.streaming(1e15, 0, MathPrecision.BF16);
        KernelWork fp8 = KernelWork.streaming(1e15, 0, MathPrecision.FP8);
        assertEquals(0.5, graphed.busyS(fp8) / graphed.busyS(bf16), 1e-3);
    }
}
