package org.fabricsim.workloads.model;

import java.util.List;
import java.util.Objects;

/**
 * One transformer block, split into the parts hardware models place separately, with its weight
 * bytes, FLOPs and KV-cache bytes derived from the matrix shapes.
 *
 * @param index              0-based layer index
 * @param attention          attention projection matrices in execution order (GQA: q, k, v, o; MLA: q_a, q_b, kv_a, kv_b, o)
 * @param denseFfn           gate, up, down of a dense FFN; empty for an MoE layer
 * @param moe                the MoE part, or null for a dense layer
 * @param kvBytesPerToken    KV-cache bytes this layer stores per token of context (per token kept: a
 *                           sliding-window layer keeps at most {@code attentionWindowTokens} tokens)
 * @param attentionFlopsPerContextToken FLOPs per new token per token of context (scores + weighted values)
 * @param attentionWindowTokens sliding-window length in tokens (the layer attends to and caches at most
 *                           this many most recent positions), or 0 for full attention over the context
 * @param attentionHeads     query heads: attention runs one score and one weighted-value vector operation per
 *                           head per (new token, context token) pair
 * @param attentionKvHeads   distinct K/V heads (GQA groups query heads over fewer; MLA's shared latent is one)
 */
public record LayerSpec(int index, List<MatrixSpec> attention, List<MatrixSpec> denseFfn, MoeSpec moe,
        long kvBytesPerToken, long attentionFlopsPerContextToken, int attentionWindowTokens, int attentionHeads,
        int attentionKvHeads) {

    public LayerSpec {
        if (index < 0) {
            throw new IllegalArgumentException("index: must be >= 0, got " + index);
        }
        attention = List.copyOf(Objects.requireNonNull(attention, "attention"));
        denseFfn = List.copyOf(Objects.requireNonNull(denseFfn, "denseFfn"));
        if (kvBytesPerToken < 0) {
            throw new IllegalArgumentException("kvBytesPerToken: must be >= 0, got " + kvBytesPerToken);
        }
        if (attentionFlopsPerContextToken < 0) {
            throw new IllegalArgumentException(
                    "attentionFlopsPerContextToken: must be >= 0, got " + attentionFlopsPerContextToken);
        }
        if (attentionWindowTokens < 0) {
            throw new IllegalArgumentException(
                    "attentionWindowTokens: must be >= 0 (0 = full attention), got " + attentionWindowTokens);
        }
        if (attentionHeads < 1) {
            throw new IllegalArgumentException("attentionHeads: must be >= 1, got " + attentionHeads);
        }
        if (attentionKvHeads < 1 || attentionHeads % attentionKvHeads != 0) {
            throw new IllegalArgumentException("attentionKvHeads: must be >= 1 and divide the " + attentionHeads
                    + " query heads, got " + attentionKvHeads);
        }
    }

    /** A layer whose every query head has its own K and V head (multi-head attention). */
    public LayerSpec(int index, List<MatrixSpec> attention, List<MatrixSpec> denseFfn, MoeSpec moe,
            long kvBytesPerToken, long attentionFlopsPerContextToken, int attentionWindowTokens, int attentionHeads) {
        this(index, attention, denseFfn, moe, kvBytesPerToken, attentionFlopsPerContextToken, attentionWindowTokens,
                attentionHeads, attentionHeads);
    }

    /** A layer with full attention over the whole context (no sliding window). */
    public LayerSpec(int index, List<MatrixSpec> attention, List<MatrixSpec> denseFfn, MoeSpec moe,
            long kvBytesPerToken, long attentionFlopsPerContextToken, int attentionHeads) {
        this(index, attention, denseFfn, moe, kvBytesPerToken, attentionFlopsPerContextToken, 0, attentionHeads);
    }

    /**
     * @param routedExperts  experts to route among
     * @param activeExperts  top-k routed experts per token
     * @param sharedExperts  always-active experts
     * @param router         the gating matrix (experts x hidden)
     * @param expert         gate, up, down of one routed expert
     * @param sharedExpert   gate, up, down of one shared expert (empty when sharedExperts is 0)
     */
    public record MoeSpec(int routedExperts, int activeExperts, int sharedExperts, MatrixSpec router,
            List<MatrixSpec> expert, List<MatrixSpec> sharedExpert) {

        public MoeSpec {
            if (routedExperts < 1) {
                throw new IllegalArgumentException("routedExperts: must be >= 1, got " + routedExperts);
            }
            if (activeExperts < 1 || activeExperts > routedExperts) {
                throw new IllegalArgumentException("activeExperts: must be in 1.." + routedExperts + ", got "
                        + activeExperts);
            }
            if (sharedExperts < 0) {
                throw new IllegalArgumentException("sharedExperts: must be >= 0, got " + sharedExperts);
            }
            Objects.requireNonNull(router, "router");
            if (router.rows() != routedExperts) {
                throw new IllegalArgumentException("router: must have one row per routed expert (" + routedExperts
                        + "), got " + router.rows());
            }
            expert = List.copyOf(Objects.requireNonNull(expert, "expert"));
            if (expert.isEmpty()) {
                throw new IllegalArgumentException("expert: needs at least one matrix");
            }
            sharedExpert = List.copyOf(Objects.requireNonNull(sharedExpert, "sharedExpert"));
            if (sharedExperts > 0 && sharedExpert.isEmpty()) {
                throw new IllegalArgumentException("sharedExpert: needs matrices when sharedExperts = " + sharedExperts);
            }
        }

        /** Parameters of one routed expert. */
        public long expertParams() {
            return sumParams(expert);
        }

        /** Weight bytes of one routed expert. */
        public long expertBytes() {
            return sumBytes(expert);
        }

        /** Parameters of all routed and shared experts and the router. */
        public long params() {
            return routedExperts * expertParams() + sharedExperts * sumParams(sharedExpert) + router.params();
        }

        /** Parameters used per token: top-k routed experts, the shared experts and the router. */
        public long activeParams() {
            return activeExperts * expertParams() + sharedExperts * sumParams(sharedExpert) + router.params();
        }

        /** Weight bytes of all experts and the router. */
        public long weightBytes() {
            return routedExperts * expertBytes() + sharedExperts * sumBytes(sharedExpert) + router.bytes();
        }

        /** Weight bytes read for one token: top-k routed experts, the shared experts and the router. */
        public long activeWeightBytes() {
            return activeExperts * expertBytes() + sharedExperts * sumBytes(sharedExpert) + router.bytes();
        }

        /** FLOPs per token: router, top-k routed experts and the shared experts. */
        public long flopsPerToken() {
            return 2L * activeParams();
        }

        /**
         * Expected number of distinct routed experts a step of {@code tokens} tokens touches when each
         * token picks its top-k uniformly at random: E (1 - (1 - k/E)^tokens). A model choice
         * (real routing is skewed; the serving layer may override it).
         */
        public double expectedDistinctExperts(int tokens) {
            if (tokens < 0) {
                throw new IllegalArgumentException("tokens: must be >= 0, got " + tokens);
            }
            double missOne = 1.0 - (double) activeExperts / routedExperts;
            return routedExperts * (1.0 - Math.pow(missOne, tokens));
        }
    }

    /** True when this layer's FFN is a mixture of experts. */
    public boolean isMoe() {
        return moe != null;
    }

    /** All parameters of the layer (every expert). Norm vectors and biases are not modelled. */
    public long params() {
        return sumParams(attention) + sumParams(denseFfn) + (moe == null ? 0 : moe.params());
    }

    /** Parameters used per token (only the active experts of an MoE layer). */
    public long activeParams() {
        return sumParams(attention) + sumParams(denseFfn) + (moe == null ? 0 : moe.activeParams());
    }

    /** All weight bytes of the layer (every expert). */
    public long weightBytes() {
        return sumBytes(attention) + sumBytes(denseFfn) + (moe == null ? 0 : moe.weightBytes());
    }

    /** Weight bytes read to decode one token at batch 1 (only the active experts of an MoE layer). */
    public long activeWeightBytes() {
        return sumBytes(attention) + sumBytes(denseFfn) + (moe == null ? 0 : moe.activeWeightBytes());
    }

    /** FLOPs of the weight matrices for one token: attention projections, dense FFN or router + active experts. */
    public long projectionFlopsPerToken() {
        return 2L * activeParams();
    }

    /** Context positions a token attends to (and whose KV this layer keeps) at a context length. */
    public long attendedTokens(long contextTokens) {
        if (contextTokens < 0) {
            throw new IllegalArgumentException("contextTokens: must be >= 0, got " + contextTokens);
        }
        return attentionWindowTokens == 0 ? contextTokens : Math.min(contextTokens, attentionWindowTokens);
    }

    /** Attention FLOPs (scores + weighted values) for one new token attending over a context. */
    public long attentionFlops(int contextTokens) {
        return attentionFlopsPerContextToken * attendedTokens(contextTokens);
    }

    /** KV-cache bytes this layer holds for one sequence of a given context length. */
    public long kvBytes(int contextTokens) {
        return kvBytesPerToken * attendedTokens(contextTokens);
    }

    /**
     * FLOPs for one new token at a given context length (projections, active experts, attention over
     * context). {@code contextTokens} counts the positions attended, the new token's own included.
     */
    public long flopsPerToken(int contextTokens) {
        return projectionFlopsPerToken() + attentionFlops(contextTokens);
    }

    /**
     * FLOPs for {@code newTokens} tokens entering after {@code priorContextTokens} cached ones, with
     * causal attention: token i (0-based) attends to priorContextTokens + i + 1 positions. Covers a
     * prefill chunk and a decode or speculative-verify step alike.
     */
    public long flopsForTokens(int newTokens, int priorContextTokens) {
        if (newTokens < 0) {
            throw new IllegalArgumentException("newTokens: must be >= 0, got " + newTokens);
        }
        if (priorContextTokens < 0) {
            throw new IllegalArgumentException("priorContextTokens: must be >= 0, got " + priorContextTokens);
        }
        return newTokens * projectionFlopsPerToken() + attentionFlopsForTokens(newTokens, priorContextTokens);
    }

    /**
     * The attention part of {@link #flopsForTokens}: scores and weighted values of {@code newTokens} causal tokens
     * after {@code priorContextTokens} cached ones, without the projections (which a wafer's attention block asks
     * for every layer of every pass, and which sum every matrix's parameters).
     */
    public long attentionFlopsForTokens(int newTokens, int priorContextTokens) {
        if (newTokens < 0) {
            throw new IllegalArgumentException("newTokens: must be >= 0, got " + newTokens);
        }
        if (priorContextTokens < 0) {
            throw new IllegalArgumentException("priorContextTokens: must be >= 0, got " + priorContextTokens);
        }
        return attentionFlopsPerContextToken * attendedSum(priorContextTokens + 1L, (long) priorContextTokens + newTokens);
    }

    /** Sum over context lengths c = from..to of the positions attended at c. */
    private long attendedSum(long from, long to) {
        if (to < from) {
            return 0;
        }
        if (attentionWindowTokens == 0) {
            return (from + to) * (to - from + 1) / 2;
        }
        long w = attentionWindowTokens;
        long growingEnd = Math.min(to, w);
        long growing = growingEnd >= from ? (from + growingEnd) * (growingEnd - from + 1) / 2 : 0;
        long full = to > w ? (to - Math.max(from, w + 1) + 1) * w : 0;
        return growing + full;
    }

    static long sumParams(List<MatrixSpec> matrices) {
        long n = 0;
        for (MatrixSpec m : matrices) {
            n += m.params();
        }
        return n;
    }

    static long sumBytes(List<MatrixSpec> matrices) {
        long n = 0;
        for (MatrixSpec m : matrices) {
            n += m.bytes();
        }
        return n;
    }
}
