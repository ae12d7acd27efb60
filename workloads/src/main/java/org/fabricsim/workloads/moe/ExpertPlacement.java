package org.fabricsim.workloads.moe;

import java.util.List;

/**
 * Where the routed experts of an MoE model live (scenario key {@code serving.expert_placement}): which
 * expert-parallel GPU rank holds which expert, and how many of the hottest experts get a second copy so
 * their tokens are split between two places instead of queueing at one.
 *
 * @param policy      contiguous (rank r holds a block of consecutive experts; the default) or round_robin
 *                    (expert e on rank e mod ep, so a popularity that falls with the expert's index is dealt
 *                    over every rank instead of piling onto rank 0). A GPU notion: a wafer gives every expert a
 *                    region of its own, so there only {@code hot_replicas} applies.
 * @param hotReplicas how many of the hottest experts (by popularity, ties to the lower index) get one extra
 *                    copy each (default 0)
 */
public record ExpertPlacement(String policy, Integer hotReplicas) {
    public static final List<String> POLICIES = List.of("contiguous", "round_robin");
    /** Contiguous blocks, no replicas: the placement every run had before this key existed. */
    public static final ExpertPlacement DEFAULT = new ExpertPlacement(null, null);

    public ExpertPlacement {
        policy = policy == null ? "contiguous" : policy;
        if (!POLICIES.contains(policy)) {
            throw new IllegalArgumentException("policy: must be one of " + POLICIES + ", got '" + policy + "'");
        }
        hotReplicas = hotReplicas == null ? 0 : hotReplicas;
        if (hotReplicas < 0) {
            throw new IllegalArgumentException("hot_replicas: must be >= 0, got " + hotReplicas);
        }
    }

    /** True for round_robin. */
    public boolean roundRobin() {
        return policy.equals("round_robin");
    }
}
