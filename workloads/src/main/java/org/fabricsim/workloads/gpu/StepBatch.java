package org.fabricsim.workloads.gpu;

import java.util.List;
import org.fabricsim.workloads.serving.Step;

/**
 * A step's sequences split over the attention groups of a stage (each sequence to the group with the fewest
 * tokens so far), reduced to the sums the kernel costs need.
 */
final class StepBatch {
    final int groups;
    final double[] tokens;
    final double[] kvTokensRead;
    final double[] attendedPairs;
    final double[] logitRows;
    final int sequences;

    private StepBatch(int groups, int sequences) {
        this.groups = groups;
        this.sequences = sequences;
        this.tokens = new double[groups];
        this.kvTokensRead = new double[groups];
        this.attendedPairs = new double[groups];
        this.logitRows = new double[groups];
    }

    /** The step as it is, or (draft = true) as one single-token pass per sequence for a draft model. */
    static StepBatch of(Step step, int groups, boolean draft) {
        List<Step.SequenceWork> seqs = step.sequences();
        StepBatch b = new StepBatch(groups, seqs.size());
        for (Step.SequenceWork s : seqs) {
            int g = 0;
            for (int k = 1; k < groups; k++) {
                if (b.tokens[k] < b.tokens[g]) {
                    g = k;
                }
            }
            double n = draft ? 1 : s.newTokens();
            double ctx = s.contextTokens();
            b.tokens[g] += n;
            b.kvTokensRead[g] += ctx + n;
            b.attendedPairs[g] += n * ctx + n * (n + 1) / 2;
            b.logitRows[g] += (s.prefill() && !draft) ? 1 : n;
        }
        return b;
    }

    double totalTokens() {
        double t = 0;
        for (double v : tokens) {
            t += v;
        }
        return t;
    }
}
