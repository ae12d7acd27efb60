package org.fabricsim.fabric.api;

/** Precision of a kernel's arithmetic, which selects the tensor-core peak it can reach. */
public enum MathPrecision {
    BF16, FP8, FP4
}
