package org.fabricsim.fabric.api;

/**
 * The problem a GEMM kernel solves on one GPU, so the fabric can lay its output tiles over the SMs: {@code groups}
 * independent products (a grouped GEMM's experts) of {@code m} x {@code k} activations by {@code k} x {@code n}
 * weights each.
 *
 * @param m           rows per product (tokens; a grouped GEMM's mean tokens per expert)
 * @param n           output columns per product (the weight shard's rows)
 * @param k           the reduction dimension (the weight's columns)
 * @param groups      products in the kernel, at least 1
 * @param dequantised true when the weights are stored narrower than the tensor cores read them (W4A16, MXFP4 on a
 *                    GPU without FP4), so the SMs convert every weight before the product
 */
public record GemmShape(double m, double n, double k, int groups, boolean dequantised) {
    public GemmShape {
        if (!(m > 0) || !(n > 0) || !(k > 0) || Double.isInfinite(m + n + k)) {
            throw new IllegalArgumentException("m, n, k: must be > 0 and finite, got " + m + ", " + n + ", " + k);
        }
        if (groups < 1) {
            throw new IllegalArgumentException("groups: must be >= 1, got " + groups);
        }
    }
}
