package org.fabricsim.workloads.serving;

import java.util.ArrayList;
import java.util.List;

/**
 * The drafting of a speculative step, the same for every engine. A draft proposes its k tokens one at a time, so it
 * runs k sequential single-token passes over the step's decoding sequences; pass i attends to the sequence's
 * context plus the i tokens drafted before it. Prefilling sequences have nothing to draft. What a pass costs is the
 * engine's: a draft model of its own or the first layers of the target.
 */
public final class SpeculativeDrafts {
    private SpeculativeDrafts() {
    }

    /** One draft forward pass over {@code pass} (one new token per sequence); calls {@code done} when it ends. */
    @FunctionalInterface
    public interface DraftPass {
        void run(Step pass, Runnable done);
    }

    /** Runs the step's {@code draftTokens()} draft passes one after another, then {@code then}. */
    public static void run(Step step, DraftPass pass, Runnable then) {
        next(step, 0, pass, then);
    }

    private static void next(Step step, int i, DraftPass pass, Runnable then) {
        Step work = i < step.draftTokens() ? pass(step, i) : null;
        if (work == null) {
            then.run();
            return;
        }
        pass.run(work, () -> next(step, i + 1, pass, then));
    }

    /**
     * The work of draft pass {@code i} (0-based): each decoding sequence's next token over its context and the
     * {@code i} tokens already drafted; null when the step decodes no sequence.
     */
    public static Step pass(Step step, int i) {
        List<Step.SequenceWork> seqs = new ArrayList<>();
        for (Step.SequenceWork s : step.sequences()) {
            if (!s.prefill()) {
                seqs.add(new Step.SequenceWork(s.requestId(), 1, s.contextTokens() + i, false));
            }
        }
        return seqs.isEmpty() ? null : new Step(seqs, 0);
    }
}
