package org.fabricsim.workloads.model;

/**
 * Storage precision of weights, with the bits per weight including block-scale overhead: INT4 with one
 * BF16 scale per group of 32 = 4.5 bits; MXFP4 (OCP MX) with one 8-bit E8M0 scale per 32 = 4.25 bits; NVFP4
 * (Blackwell) with one FP8 E4M3 scale per 16 = 4.5 bits (its per-tensor FP32 scale is negligible).
 */
public enum Precision {
    FP32(32), BF16(16), FP16(16), FP8(8), INT4(4.5), MXFP4(4.25), NVFP4(4.5);

    private final double bitsPerWeight;

    Precision(double bitsPerWeight) {
        this.bitsPerWeight = bitsPerWeight;
    }

    public double bitsPerWeight() {
        return bitsPerWeight;
    }

    /** Bytes to store {@code params} weights, rounded up. */
    public long bytes(long params) {
        return (long) Math.ceil(params * bitsPerWeight / 8.0);
    }
}
