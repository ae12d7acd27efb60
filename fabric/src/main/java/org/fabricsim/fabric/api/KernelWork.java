package org.fabricsim.fabric.api;

/**
 * One kernel on a GPU: its arithmetic and the bytes it moves. The fabric turns it into time (the GPU's structure:
 * tiles over SMs, HBM latency and bandwidth, L2, launch) and meters the bytes that reach HBM.
 *
 * @param flops           floating-point operations
 * @param hbmBytes        bytes read and written: weights, KV cache and activations
 * @param activationBytes the part of {@code hbmBytes} that is activations passed between kernels, which stay in L2
 *                        when they fit there
 * @param precision       the tensor-core precision the FLOPs run at
 * @param gemm            the GEMM's shape, or null for attention, elementwise and copy kernels, which the GPU
 *                        spreads over every SM
 */
public record KernelWork(double flops, double hbmBytes, double activationBytes, MathPrecision precision,
        GemmShape gemm) implements Work {
    public KernelWork {
        if (!(flops >= 0) || !(hbmBytes >= 0)) {
            throw new IllegalArgumentException("flops and hbmBytes: must be >= 0, got " + flops + ", " + hbmBytes);
        }
        if (!(activationBytes >= 0 && activationBytes <= hbmBytes)) {
            throw new IllegalArgumentException("activationBytes: must be in [0, hbmBytes = " + hbmBytes + "], got "
                    + activationBytes);
        }
        if (precision == null) {
            throw new IllegalArgumentException("precision: must be given, got null");
        }
    }

    /** A kernel over every SM that streams all its bytes from HBM (attention over the KV cache, a copy). */
    public static KernelWork streaming(double flops, double hbmBytes, MathPrecision precision) {
        return new KernelWork(flops, hbmBytes, 0, precision, null);
    }
}
