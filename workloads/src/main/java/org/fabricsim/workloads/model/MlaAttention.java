package org.fabricsim.workloads.model;

import java.util.List;

/**
 * Multi-head latent attention (DeepSeek-V2/V3, Kimi K2): queries through a low-rank q_a/q_b pair,
 * keys and values through a shared latent of {@code kvLoraRank} plus a decoupled RoPE key of
 * {@code qkRopeHeadDim}, which is all the cache keeps. FLOPs are for the absorbed form used in
 * decode (kv_b folded into the query and output sides), which attends directly over the latent.
 *
 * @param qLoraRank rank of the query compression; 0 for a direct q projection (DeepSeek-V2-Lite)
 */
public record MlaAttention(int heads, int qLoraRank, int kvLoraRank, int qkNopeHeadDim, int qkRopeHeadDim,
        int vHeadDim) implements AttentionConfig {

    public MlaAttention {
        if (heads < 1) {
            throw new IllegalArgumentException("heads: must be >= 1, got " + heads);
        }
        if (qLoraRank < 0) {
            throw new IllegalArgumentException("qLoraRank: must be >= 0 (0 = no query compression), got "
                    + qLoraRank);
        }
        if (kvLoraRank < 1) {
            throw new IllegalArgumentException("kvLoraRank: must be >= 1, got " + kvLoraRank);
        }
        if (qkNopeHeadDim < 1) {
            throw new IllegalArgumentException("qkNopeHeadDim: must be >= 1, got " + qkNopeHeadDim);
        }
        if (qkRopeHeadDim < 0) {
            throw new IllegalArgumentException("qkRopeHeadDim: must be >= 0, got " + qkRopeHeadDim);
        }
        if (vHeadDim < 1) {
            throw new IllegalArgumentException("vHeadDim: must be >= 1, got " + vHeadDim);
        }
    }

    /**
     * q_a: hidden -> q_lora; q_b: q_lora -> heads (nope + rope); kv_a: hidden -> kv_lora + rope;
     * kv_b: kv_lora -> heads (nope + v); o: heads v -> hidden. In absorbed decode kv_b is applied per
     * head to the query and to the attention output instead, at the same FLOPs per token.
     */
    @Override
    public List<MatrixSpec> matrices(int hiddenSize, Precision precision) {
        int qWidth = heads * (qkNopeHeadDim + qkRopeHeadDim);
        MatrixSpec kvA = new MatrixSpec("kv_a", kvLoraRank + qkRopeHeadDim, hiddenSize, precision);
        MatrixSpec kvB = new MatrixSpec("kv_b", heads * (qkNopeHeadDim + vHeadDim), kvLoraRank, precision);
        MatrixSpec o = new MatrixSpec("o", hiddenSize, heads * vHeadDim, precision);
        if (qLoraRank == 0) {
            return List.of(new MatrixSpec("q", qWidth, hiddenSize, precision), kvA, kvB, o);
        }
        return List.of(
                new MatrixSpec("q_a", qLoraRank, hiddenSize, precision),
                new MatrixSpec("q_b", qWidth, qLoraRank, precision),
                kvA, kvB, o);
    }

    /**
     * Whether a tensor-parallel rank holds {@code m} whole: MLA's down-projections (q_a, kv_a) feed norms over their
     * whole output, so serving stacks replicate them (vLLM and SGLang load them as {@code ReplicatedLinear}; NVIDIA's
     * DeepSeek-R1 min-latency layer runs its Fuse_A GEMM data-parallel: TensorRT-LLM tech blog 1, "Pushing Latency
     * Boundaries", Parallelism Strategy).
     */
    public static boolean replicatedUnderTensorParallel(MatrixSpec m) {
        return m.name().equals("q_a") || m.name().equals("kv_a");
    }

    /** The compressed latent plus the shared RoPE key: kv_lora + qk_rope. */
    @Override
    public long kvElementsPerToken() {
        return (long) kvLoraRank + qkRopeHeadDim;
    }

    /**
     * Absorbed MLA: scores over latent + RoPE key, 2 heads (kv_lora + qk_rope); weighted sum of the
     * latent, 2 heads kv_lora.
     */
    @Override
    public long flopsPerContextToken() {
        return 2L * heads * (kvLoraRank + qkRopeHeadDim) + 2L * heads * kvLoraRank;
    }

    @Override
    public int windowTokens(int layerIndex) {
        return 0;
    }

    /** The compressed latent is one cache shared by every head, replicated on every tensor-parallel rank. */
    @Override
    public int kvHeads() {
        return 1;
    }
}
