package org.fabricsim.workloads.moe;

/**
 * Deals a replicated expert's tokens over its copies: an even share each, and the remainder one token at a
 * time to the copies in turn, continuing where the previous step stopped. So a step's split differs by at most
 * one token between copies, every token goes to exactly one copy, and at batch 1 (one token per chosen
 * expert) the copies alternate instead of the original taking every token. Deterministic: no random draws,
 * so replication does not disturb the routing stream. One per engine (it remembers whose turn it is).
 */
public final class ReplicaSplitter {
    private final ExpertLayout layout;
    private final int[] nextCopy;
    /** False when no expert has a second copy: every token then goes to its expert's only copy. */
    private final boolean replicated;

    ReplicaSplitter(ExpertLayout layout) {
        this.layout = layout;
        this.nextCopy = new int[layout.experts()];
        this.replicated = layout.replicas() > 0;
    }

    public ExpertLayout layout() {
        return layout;
    }

    /** The copy that serves one more token of {@code expert}. */
    public int copyFor(int expert) {
        if (!replicated) {
            return expert;
        }
        int n = layout.copiesOf(expert);
        if (n == 1) {
            return expert;
        }
        int k = nextCopy[expert];
        nextCopy[expert] = (k + 1) % n;
        return layout.copy(expert, k);
    }

    /** Adds to {@code tokensPerCopy} (one per copy) the split of {@code tokensPerExpert} (one per expert). */
    public void split(int[] tokensPerExpert, int[] tokensPerCopy) {
        if (tokensPerExpert.length != layout.experts() || tokensPerCopy.length != layout.copies()) {
            throw new IllegalArgumentException("split: need " + layout.experts() + " expert counts and " + layout.copies()
                    + " copy counts, got " + tokensPerExpert.length + " and " + tokensPerCopy.length);
        }
        for (int e = 0; e < tokensPerExpert.length; e++) {
            int tokens = tokensPerExpert[e];
            int n = layout.copiesOf(e);
            if (n == 1) {
                tokensPerCopy[e] += tokens;
                continue;
            }
            int even = tokens / n;
            int rest = tokens % n;
            for (int k = 0; k < n; k++) {
                tokensPerCopy[layout.copy(e, k)] += even;
            }
            for (int j = 0; j < rest; j++) {
                tokensPerCopy[layout.copy(e, (nextCopy[e] + j) % n)]++;
            }
            nextCopy[e] = (nextCopy[e] + rest) % n;
        }
    }
}
