package org.fabricsim.workloads.model;

/**
 * CONTRACT STUB: one weight matrix used as y = W x with W of {@code rows} x {@code cols}
 * (rows = output features, cols = input features).
 */
public record MatrixSpec(String name, int rows, int cols, Precision precision) {
    public long params() {
        return (long) rows * cols;
    }

    public long bytes() {
        return precision.bytes(params());
    }

    /** Multiply-accumulate FLOPs for one token (2 per weight). */
    public long flopsPerToken() {
        return 2L * params();
    }
}
