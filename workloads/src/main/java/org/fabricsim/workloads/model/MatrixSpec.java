package org.fabricsim.workloads.model;

import java.util.Objects;

/**
 * One weight matrix used as y = W x with W of {@code rows} x {@code cols}
 * (rows = output features, cols = input features), stored at one {@link Precision}.
 */
public record MatrixSpec(String name, int rows, int cols, Precision precision) {

    public MatrixSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: must be non-blank, got " + name);
        }
        if (rows < 1) {
            throw new IllegalArgumentException("rows: must be >= 1 for " + name + ", got " + rows);
        }
        if (cols < 1) {
            throw new IllegalArgumentException("cols: must be >= 1 for " + name + ", got " + cols);
        }
        Objects.requireNonNull(precision, "precision");
    }

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
