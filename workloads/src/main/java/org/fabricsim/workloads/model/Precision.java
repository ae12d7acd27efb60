package org.fabricsim.workloads.model;

/**
 * CONTRACT STUB: storage precision of weights, with the bits per weight including block-scale
 * overhead (e.g. INT4 with one BF16 scale per group of 32 = 4.5 bits).
 */
public enum Precision {
    FP32(32), BF16(16), FP16(16), FP8(8), INT4(4.5), MXFP4(4.25);

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
