package org.fabricsim.workloads.model;

/**
 * Mixture-of-experts shape: routed experts with top-k routing, always-active shared experts, each a
 * gated FFN (gate, up, down) of {@code expertFfnSize}; the first {@code firstDenseLayers} layers use
 * the dense FFN instead (DeepSeek's first_k_dense_replace).
 */
public record MoeConfig(int routedExperts, int activeExperts, int sharedExperts, int expertFfnSize,
        int firstDenseLayers) {

    public MoeConfig {
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
        if (expertFfnSize < 1) {
            throw new IllegalArgumentException("expertFfnSize: must be >= 1, got " + expertFfnSize);
        }
        if (firstDenseLayers < 0) {
            throw new IllegalArgumentException("firstDenseLayers: must be >= 0, got " + firstDenseLayers);
        }
    }
}
