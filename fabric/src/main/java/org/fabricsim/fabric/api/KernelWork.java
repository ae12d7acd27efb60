package org.fabricsim.fabric.api;

/**
 * One kernel on a GPU: its arithmetic and the bytes it moves through HBM. The fabric turns it into time
 * (a roofline plus its launch) and meters the bytes.
 *
 * @param flops     floating-point operations
 * @param hbmBytes  bytes read from and written to HBM
 * @param precision the tensor-core precision the FLOPs run at
 * @param gemm      a weight-streaming GEMM (or grouped GEMM), which never runs faster than the GPU's GEMM
 *                  floor; false for attention, elementwise and copy kernels
 */
public record KernelWork(double flops, double hbmBytes, MathPrecision precision, boolean gemm) implements Work {
    public KernelWork {
        if (!(flops >= 0) || !(hbmBytes >= 0)) {
            throw new IllegalArgumentException("flops and hbmBytes: must be >= 0, got " + flops + ", " + hbmBytes);
        }
        if (precision == null) {
            throw new IllegalArgumentException("precision: must be given, got null");
        }
    }
}
