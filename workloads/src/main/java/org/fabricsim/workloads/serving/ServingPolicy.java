package org.fabricsim.workloads.serving;

import java.nio.file.Path;
import org.fabricsim.workloads.moe.ExpertPlacement;
import org.fabricsim.workloads.moe.ExpertPopularity;

/**
 * How requests are batched onto a system (shared by every system kind).
 *
 * @param batchLimit        maximum sequences in one step (continuous batching)
 * @param tokenBudget       maximum new tokens in one step (prefill chunks + decode tokens)
 * @param chunkedPrefill    split long prompts into chunks that share steps with decodes
 * @param speculative       speculative decoding, or null for none
 * @param expertPopularity  how often each routed expert of an MoE model is chosen (default uniform)
 * @param expertPlacement   where the routed experts live and which get replicas (default contiguous, none)
 * @param prefill           prompts run on another system (disaggregated serving), or null to run them here
 */
public record ServingPolicy(Integer batchLimit, Integer tokenBudget, Boolean chunkedPrefill, Speculative speculative,
        ExpertPopularity expertPopularity, ExpertPlacement expertPlacement, DisaggregatedPrefill prefill) {
    /** Batch 1, 8,192-token budget, whole prefills, no speculation. */
    public static final ServingPolicy DEFAULT = new ServingPolicy(null, null, null, null, null, null, null);

    /** A policy that runs its own prompts. */
    public ServingPolicy(Integer batchLimit, Integer tokenBudget, Boolean chunkedPrefill, Speculative speculative,
            ExpertPopularity expertPopularity, ExpertPlacement expertPlacement) {
        this(batchLimit, tokenBudget, chunkedPrefill, speculative, expertPopularity, expertPlacement, null);
    }

    /** A policy with the default expert placement. */
    public ServingPolicy(Integer batchLimit, Integer tokenBudget, Boolean chunkedPrefill, Speculative speculative,
            ExpertPopularity expertPopularity) {
        this(batchLimit, tokenBudget, chunkedPrefill, speculative, expertPopularity, null);
    }

    /** A policy with uniform expert popularity. */
    public ServingPolicy(Integer batchLimit, Integer tokenBudget, Boolean chunkedPrefill, Speculative speculative) {
        this(batchLimit, tokenBudget, chunkedPrefill, speculative, null, null);
    }

    public ServingPolicy {
        batchLimit = batchLimit == null ? 1 : batchLimit;
        tokenBudget = tokenBudget == null ? 8192 : tokenBudget;
        chunkedPrefill = chunkedPrefill != null && chunkedPrefill;
        expertPopularity = expertPopularity == null ? ExpertPopularity.UNIFORM : expertPopularity;
        expertPlacement = expertPlacement == null ? ExpertPlacement.DEFAULT : expertPlacement;
        if (batchLimit < 1) {
            throw new IllegalArgumentException("batch_limit: must be >= 1, got " + batchLimit);
        }
        if (tokenBudget < 1) {
            throw new IllegalArgumentException("token_budget: must be >= 1, got " + tokenBudget);
        }
        // a verify pass carries a sequence's 1 + k tokens in one step; a smaller budget never schedules it
        if (speculative != null && tokenBudget < 1 + speculative.draftTokens()) {
            throw new IllegalArgumentException("token_budget: " + tokenBudget + " is smaller than one verify pass (1 + "
                    + "speculative.draft_tokens = " + (1 + speculative.draftTokens()) + " tokens), so no decode step fits");
        }
    }

    /** This policy with a relative {@code counts_file} resolved against {@code baseDir} (the scenario's directory). */
    public ServingPolicy resolvedAgainst(Path baseDir) {
        return new ServingPolicy(batchLimit, tokenBudget, chunkedPrefill, speculative,
                expertPopularity.resolvedAgainst(baseDir), expertPlacement,
                prefill == null ? null : prefill.resolvedAgainst(baseDir));
    }

    /**
     * Speculative decoding: a draft proposes {@code draftTokens} tokens, the target verifies them in
     * one (k+1)-token pass, and the accepted prefix plus one target token is emitted at once.
     *
     * @param draftModel           catalog name of a draft model, or null when the draft is {@code draftLayers}
     *                             layers of the target itself (MTP / EAGLE-style heads)
     * @param draftLayers          layers of the target used as the draft head when draftModel is null
     * @param draftTokens          k, tokens proposed per step
     * @param acceptanceRate       probability that each successive draft token is accepted (used when
     *                             acceptedLengthDistribution is null)
     * @param acceptedLengthDistribution optional P(accepted = i) for i = 0..k; overrides acceptanceRate
     */
    public record Speculative(String draftModel, Integer draftLayers, Integer draftTokens, Double acceptanceRate,
            double[] acceptedLengthDistribution) {
        public Speculative {
            draftLayers = draftLayers == null ? (draftModel == null ? 1 : 0) : draftLayers;
            // k + 1 probabilities and k + 1 verify tokens per sequence; published drafts propose at most ~10
            if (draftTokens == null || draftTokens < 1 || draftTokens > 256) {
                throw new IllegalArgumentException("speculative.draft_tokens: must be in 1..256, got " + draftTokens);
            }
            if (draftLayers > 1024) {
                throw new IllegalArgumentException("speculative.draft_layers: must be <= 1024, got " + draftLayers);
            }
            if (draftModel == null && draftLayers < 1) {
                throw new IllegalArgumentException(
                        "speculative.draft_layers: must be >= 1 when no draft_model is given, got " + draftLayers);
            }
            if (acceptedLengthDistribution != null) {
                double sum = 0;
                for (double p : acceptedLengthDistribution) {
                    if (!(p >= 0)) {
                        throw new IllegalArgumentException(
                                "speculative.accepted_length_distribution: probabilities must be >= 0, got " + p);
                    }
                    sum += p;
                }
                if (Math.abs(sum - 1) > 1e-6 || acceptedLengthDistribution.length != draftTokens + 1) {
                    throw new IllegalArgumentException("speculative.accepted_length_distribution: needs draft_tokens + 1 = "
                            + (draftTokens + 1) + " probabilities (P(0 accepted) .. P(k accepted)) summing to 1, got "
                            + acceptedLengthDistribution.length + " summing to " + sum);
                }
                acceptanceRate = acceptanceRate == null ? Double.NaN : acceptanceRate;
            } else if (acceptanceRate == null || !(acceptanceRate >= 0 && acceptanceRate <= 1)) {
                throw new IllegalArgumentException("speculative.acceptance_rate: must be in [0, 1], got " + acceptanceRate);
            }
        }

        /** Expected tokens emitted per verify step with i.i.d. acceptance: (1 - a^(k+1)) / (1 - a). */
        public double expectedTokensPerStep() {
            if (acceptedLengthDistribution != null) {
                double e = 0;
                for (int i = 0; i < acceptedLengthDistribution.length; i++) {
                    e += acceptedLengthDistribution[i] * (i + 1);
                }
                return e;
            }
            double a = acceptanceRate;
            return a == 1 ? draftTokens + 1 : (1 - Math.pow(a, draftTokens + 1)) / (1 - a);
        }
    }
}
