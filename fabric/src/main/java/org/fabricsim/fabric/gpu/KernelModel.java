package org.fabricsim.fabric.gpu;

import org.fabricsim.fabric.api.GemmShape;
import org.fabricsim.fabric.api.KernelWork;
import org.fabricsim.fabric.api.MathPrecision;

/**
 * A kernel's time on one GPU from the GPU's structure: the slowest of its tensor-core work, its HBM stream and
 * (for narrow weights) its dequantisation, plus the launch latency of the execution mode.
 * <ul>
 * <li>A GEMM's output tiles run over the SMs in waves: a wave costs one tile's FLOPs at one SM's share of the peak,
 * so one tile more than a wave costs a second wave (wave quantisation). Tiles are 64 or 128 rows (the smallest
 * that holds the tokens; Hopper's wgmma works on 64-row tiles) by 128 columns at BF16 and 256 at FP8 and FP4
 * (CUTLASS's Hopper defaults). A GEMM with fewer output tiles than SMs splits its reduction (split-K, as cuBLAS
 * and CUTLASS do for decode shapes) into as many slices as fill the SMs, each at least the calibration's
 * {@code splitKMinDepth} deep; the partial sums are small at decode batch sizes and are not charged.</li>
 * <li>HBM: the first bytes arrive after the HBM latency; then each SM that holds a tile streams at most its bytes in
 * flight per latency (Little's law), and all together at most the HBM bandwidth. A GEMM with fewer tiles than SMs
 * therefore cannot stream at full rate, and a read smaller than the bytes in flight takes about one latency.
 * Attention, elementwise and copy kernels spread over every SM (FlashDecoding splits the KV sequence).</li>
 * <li>Activations passed between kernels stay in L2 when they fit, at L2 bandwidth; weights and KV come from HBM.</li>
 * <li>Weights stored narrower than the tensor cores read them are converted by the SMs that hold their tiles.</li>
 * </ul>
 */
public final class KernelModel {
    private final GpuSpec gpu;
    private final GpuCalibration calibration;
    private final boolean cudaGraphs;
    private final double achievedHbmBytesPerS;
    private final double launchOverheadS;

    public KernelModel(GpuSpec gpu, GpuCalibration calibration, boolean cudaGraphs) {
        this.gpu = gpu;
        this.calibration = calibration;
        this.cudaGraphs = cudaGraphs;
        this.achievedHbmBytesPerS = gpu.hbmBandwidthBytesPerS() * calibration.hbmBandwidthEfficiency();
        this.launchOverheadS = gpu.launchLatencyS() + (cudaGraphs ? 0 : calibration.eagerLaunchExtraS());
    }

    public GpuSpec gpu() {
        return gpu;
    }

    public GpuCalibration calibration() {
        return calibration;
    }

    public boolean cudaGraphs() {
        return cudaGraphs;
    }

    /** Overhead charged per kernel launched: the GPU's graphed launch latency, plus the host's share when eager. */
    public double launchOverheadS() {
        return launchOverheadS;
    }

    /** HBM bandwidth a kernel streams at with enough bytes in flight, bytes/s. */
    public double achievedHbmBytesPerS() {
        return achievedHbmBytesPerS;
    }

    /** Tensor-core throughput a kernel over every SM reaches at this precision, FLOP/s. */
    public double achievedFlopsPerS(MathPrecision precision) {
        return gpu.peakFlops(precision) * calibration.flopEfficiency();
    }

    /** Output tiles of a GEMM at this precision: rows of 64 or 128, columns of 128 (BF16) or 256 (FP8, FP4). */
    public static double tiles(GemmShape g, MathPrecision precision) {
        return g.groups() * Math.ceil(g.m() / tileRows(g.m())) * Math.ceil(g.n() / tileColumns(precision));
    }

    private static int tileRows(double m) {
        return m <= 64 ? 64 : 128;
    }

    private static int tileColumns(MathPrecision precision) {
        return precision == MathPrecision.BF16 ? 128 : 256;
    }

    /** Slices the GEMM's reduction is split into: enough to fill the SMs, none shallower than the minimum depth. */
    public double splits(GemmShape g, MathPrecision precision) {
        double tiles = tiles(g, precision);
        if (tiles >= gpu.smCount()) {
            return 1;
        }
        return Math.max(1, Math.min(Math.floor(gpu.smCount() / tiles), Math.floor(g.k() / calibration.splitKMinDepth())));
    }

    /** SMs that hold work of the kernel: every SM unless a GEMM has fewer tiles (and slices) than SMs. */
    public double activeSms(KernelWork k) {
        GemmShape g = k.gemm();
        if (g == null) {
            return gpu.smCount();
        }
        return Math.min(gpu.smCount(), tiles(g, k.precision()) * splits(g, k.precision()));
    }

    /** HBM bandwidth the kernel's active SMs can draw: Little's law on their bytes in flight, capped by HBM. */
    public double streamBytesPerS(double activeSms) {
        return Math.min(achievedHbmBytesPerS, activeSms * calibration.bytesInFlightPerSm() / gpu.hbmLatencyS());
    }

    /** Bytes of the kernel served by L2: its activations, when they fit in L2. */
    public double l2Bytes(KernelWork k) {
        return k.activationBytes() <= gpu.l2Bytes() ? k.activationBytes() : 0;
    }

    /** Bytes of the kernel that reach HBM. */
    public double hbmTrafficBytes(KernelWork k) {
        return k.hbmBytes() - l2Bytes(k);
    }

    /** The tensor-core time: waves of tiles for a GEMM, the FLOPs at the whole GPU's rate otherwise. */
    public double computeS(KernelWork k) {
        if (k.flops() == 0) {
            return 0;
        }
        GemmShape g = k.gemm();
        if (g == null) {
            return k.flops() / achievedFlopsPerS(k.precision());
        }
        double splits = splits(g, k.precision());
        double waves = Math.ceil(tiles(g, k.precision()) * splits / gpu.smCount());
        double tileFlops = 2.0 * tileRows(g.m()) * tileColumns(k.precision()) * g.k() / splits;
        double smFlopsPerS = gpu.flopsPerSmCycle(k.precision()) * gpu.clockHz() * calibration.flopEfficiency();
        return waves * tileFlops / smFlopsPerS;
    }

    /** The memory time: one HBM latency, the HBM stream at what the active SMs can draw, the L2 part at L2 rate. */
    public double memoryS(KernelWork k) {
        if (k.hbmBytes() == 0) {
            return 0;
        }
        double l2 = l2Bytes(k);
        return gpu.hbmLatencyS() + (k.hbmBytes() - l2) / streamBytesPerS(activeSms(k)) + l2 / gpu.l2BandwidthBytesPerS();
    }

    /** Time the active SMs spend converting narrow weights for the tensor cores; 0 when none need it. */
    public double dequantS(KernelWork k) {
        GemmShape g = k.gemm();
        if (g == null || !g.dequantised()) {
            return 0;
        }
        double weights = g.groups() * g.n() * g.k();
        return weights / (activeSms(k) * calibration.dequantWeightsPerSmCycle() * gpu.clockHz());
    }

    /** The kernel's time without its launch: the slowest of tensor cores, memory and dequantisation. */
    public double busyS(KernelWork k) {
        return Math.max(Math.max(computeS(k), memoryS(k)), dequantS(k));
    }

    /** The kernel's time with its launch. */
    public double kernelS(KernelWork k) {
        return busyS(k) + launchOverheadS;
    }
}
