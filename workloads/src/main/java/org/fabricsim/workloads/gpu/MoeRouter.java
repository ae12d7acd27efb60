package org.fabricsim.workloads.gpu;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * Draws each token's top-k experts uniformly without replacement (a partial Fisher-Yates shuffle over a
 * persistent permutation). A model choice for now: real routers are skewed; a skewed router comes later.
 */
final class MoeRouter {
    private final RandomGenerator random;
    private int[] perm = new int[0];

    MoeRouter(RandomGenerator random) {
        this.random = random;
    }

    /** Draws top-{@code active} of {@code experts} for each of {@code tokens} tokens into {@code chosen[t * active + j]}. */
    void routeTokens(int tokens, int experts, int active, int[] chosen) {
        if (perm.length != experts) {
            perm = new int[experts];
            for (int i = 0; i < experts; i++) {
                perm[i] = i;
            }
        }
        for (int t = 0; t < tokens; t++) {
            for (int j = 0; j < active; j++) {
                int pick = j + random.nextInt(experts - j);
                int e = perm[pick];
                perm[pick] = perm[j];
                perm[j] = e;
                chosen[t * active + j] = e;
            }
        }
    }
}
