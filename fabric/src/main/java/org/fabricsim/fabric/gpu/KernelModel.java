package org.fabricsim.fabric.gpu;

import org.fabricsim.fabric.api.MathPrecision;

/**
 * A kernel on one GPU as a roofline: max(FLOPs / (peak x flop efficiency), bytes / (HBM bandwidth x HBM
 * efficiency)) plus the launch overhead of the execution mode (CUDA graphs or eager).
 */
public final class KernelModel {
    private final GpuSpec gpu;
    private final GpuCalibration calibration;
    private final boolean cudaGraphs;
    private final double achievedHbmBytesPerS;

    public KernelModel(GpuSpec gpu, GpuCalibration calibration, boolean cudaGraphs) {
        this.gpu = gpu;
        this.calibration = calibration;
        this.cudaGraphs = cudaGraphs;
        this.achievedHbmBytesPerS = gpu.hbmBandwidthBytesPerS() * calibration.hbmBandwidthEfficiency();
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

    /** Overhead charged per kernel launched. */
    public double launchOverheadS() {
        return calibration.launchOverheadS(cudaGraphs);
    }

    /** HBM bandwidth a streaming kernel reaches, bytes/s. */
    public double achievedHbmBytesPerS() {
        return achievedHbmBytesPerS;
    }

    /** Tensor-core throughput a large GEMM reaches at this precision, FLOP/s. */
    public double achievedFlopsPerS(MathPrecision precision) {
        return gpu.peakFlops(precision) * calibration.flopEfficiency();
    }

    /** The roofline time of a kernel without its launch overhead. */
    public double rooflineS(double flops, double hbmBytes, MathPrecision precision) {
        if (!(flops >= 0) || !(hbmBytes >= 0)) {
            throw new IllegalArgumentException("flops and hbmBytes: must be >= 0, got " + flops + ", " + hbmBytes);
        }
        return Math.max(flops / achievedFlopsPerS(precision), hbmBytes / achievedHbmBytesPerS);
    }

    /**
     * A weight-streaming GEMM or grouped GEMM: its roofline time, but never less than the calibration's GEMM floor,
     * plus one launch overhead.
     */
    public double gemmKernelS(double flops, double hbmBytes, MathPrecision precision) {
        return Math.max(rooflineS(flops, hbmBytes, precision), calibration.gemmKernelFloorS()) + launchOverheadS();
    }

    /** The roofline time plus one launch overhead (attention, elementwise and copy kernels, which have no floor). */
    public double kernelS(double flops, double hbmBytes, MathPrecision precision) {
        return rooflineS(flops, hbmBytes, precision) + launchOverheadS();
    }
}
