package org.fabricsim.workloads.serving;

import java.util.List;

/**
 * One forward pass over a batch: for each sequence, how many new tokens enter the model and how
 * many tokens of context (KV cache) precede them. A decode step has newTokens = 1 per sequence
 * (k + 1 when a speculative step verifies k draft tokens); a prefill chunk has newTokens = chunk.
 *
 * @param sequences      the batch, in admission order
 * @param draftTokens    k, the number of draft tokens proposed per decoding sequence before this
 *                       step verifies them (0 without speculative decoding); the engine charges the
 *                       draft model's k sequential passes before the verify pass
 */
public record Step(List<SequenceWork> sequences, int draftTokens) {
    public Step {
        sequences = List.copyOf(sequences);
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("sequences: a step needs at least one sequence");
        }
        if (draftTokens < 0) {
            throw new IllegalArgumentException("draftTokens: must be >= 0, got " + draftTokens);
        }
    }

    /** Work of one sequence in a step. */
    public record SequenceWork(long requestId, int newTokens, int contextTokens, boolean prefill) {
        public SequenceWork {
            if (newTokens < 1) {
                throw new IllegalArgumentException("newTokens: must be >= 1, got " + newTokens);
            }
            if (contextTokens < 0) {
                throw new IllegalArgumentException("contextTokens: must be >= 0, got " + contextTokens);
            }
        }
    }

    /** Total new tokens entering the model in this step (the batch's token count). */
    public int totalNewTokens() {
        int n = 0;
        for (SequenceWork s : sequences) {
            n += s.newTokens();
        }
        return n;
    }

    /** Number of sequences in the step. */
    public int batchSize() {
        return sequences.size();
    }
}
