package org.fabricsim.workloads.gpu;

import java.util.ArrayList;
import java.util.List;
import org.fabricsim.workloads.model.LayerSpec;
import org.fabricsim.workloads.serving.Step;

/**
 * A step's sequences split over the attention groups of a stage (each sequence to the group with the fewest
 * tokens so far), with the sums the kernel costs need: new tokens, KV-cache tokens read and causal
 * (new token, attended position) pairs for full-attention layers; sliding-window layers are summed per sequence.
 * The prompt chunks' share of each is kept apart too, for attention that runs prefill in another form (MLA).
 */
final class StepBatch {
    final int groups;
    final double[] tokens;
    final double[] kvTokensRead;
    final double[] attendedPairs;
    final double[] logitRows;
    /** Of the above, the prompt chunks' new tokens, KV tokens (their context and themselves) and causal pairs. */
    final double[] prefillTokens;
    final double[] prefillKvTokens;
    final double[] prefillPairs;
    final List<List<Step.SequenceWork>> members;

    private StepBatch(int groups) {
        this.groups = groups;
        this.tokens = new double[groups];
        this.kvTokensRead = new double[groups];
        this.attendedPairs = new double[groups];
        this.logitRows = new double[groups];
        this.prefillTokens = new double[groups];
        this.prefillKvTokens = new double[groups];
        this.prefillPairs = new double[groups];
        this.members = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            members.add(new ArrayList<>());
        }
    }

    /** The step as the target model sees it. */
    static StepBatch of(Step step, int groups) {
        return of(step.sequences(), groups);
    }

    private static StepBatch of(List<Step.SequenceWork> seqs, int groups) {
        StepBatch b = new StepBatch(groups);
        for (Step.SequenceWork s : seqs) {
            int g = 0;
            for (int k = 1; k < groups; k++) {
                if (b.tokens[k] < b.tokens[g]) {
                    g = k;
                }
            }
            double n = s.newTokens();
            double ctx = s.contextTokens();
            b.members.get(g).add(s);
            b.tokens[g] += n;
            b.kvTokensRead[g] += ctx + n;
            b.attendedPairs[g] += n * ctx + n * (n + 1) / 2;
            b.logitRows[g] += s.prefill() ? 1 : n;
            if (s.prefill()) {
                b.prefillTokens[g] += n;
                b.prefillKvTokens[g] += ctx + n;
                b.prefillPairs[g] += n * ctx + n * (n + 1) / 2;
            }
        }
        return b;
    }

    /** KV-cache tokens a layer reads for group g (its window applied). */
    double kvTokensRead(LayerSpec layer, int g) {
        if (layer.attentionWindowTokens() == 0) {
            return kvTokensRead[g];
        }
        double t = 0;
        for (Step.SequenceWork s : members.get(g)) {
            t += layer.attendedTokens((long) s.contextTokens() + s.newTokens());
        }
        return t;
    }

    /** (new token, attended position) pairs of causal attention in a layer for group g (its window applied). */
    double attendedPairs(LayerSpec layer, int g) {
        if (layer.attentionWindowTokens() == 0 || layer.attentionFlopsPerContextToken() == 0) {
            return attendedPairs[g];
        }
        double pairs = 0;
        for (Step.SequenceWork s : members.get(g)) {
            long attention = layer.flopsForTokens(s.newTokens(), s.contextTokens())
                    - (long) s.newTokens() * layer.projectionFlopsPerToken();
            pairs += (double) attention / layer.attentionFlopsPerContextToken();
        }
        return pairs;
    }

    boolean isEmpty() {
        return totalTokens() == 0;
    }

    double totalTokens() {
        double t = 0;
        for (double v : tokens) {
            t += v;
        }
        return t;
    }
}
