package org.fabricsim.workloads.serving;

import org.fabricsim.workloads.model.LayerSpec;
import org.fabricsim.workloads.model.MatrixSpec;
import org.fabricsim.workloads.model.ModelSpec;

/**
 * The arithmetic of one forward pass of a batch through a range of layers: FLOPs, weight bytes read
 * (each matrix once per step however many tokens use it; for MoE, the expected number of distinct
 * experts the step's tokens route to) and KV-cache bytes read and written. Hardware models turn these
 * into time; this class knows nothing of time.
 */
public final class StepWork {
    private StepWork() {
    }

    /** Totals for a step. */
    public record Totals(double flops, double weightBytes, double kvBytes) {
        public double bytes() {
            return weightBytes + kvBytes;
        }
    }

    /** Work of {@code step} through layers [fromLayer, toLayer) plus the LM head if {@code withHead}. */
    public static Totals of(ModelSpec model, Step step, int fromLayer, int toLayer, boolean withHead) {
        double flops = 0;
        double weights = 0;
        double kv = 0;
        int tokens = step.totalNewTokens();
        for (int l = fromLayer; l < toLayer; l++) {
            LayerSpec layer = model.layers().get(l);
            for (Step.SequenceWork s : step.sequences()) {
                // causal attention over the cached context plus the new tokens; KV read for the context, written for the new tokens
                flops += layer.flopsForTokens(s.newTokens(), s.contextTokens());
                kv += layer.kvBytes(s.contextTokens() + s.newTokens());
            }
            weights += layerWeightBytesRead(layer, tokens);
        }
        if (withHead) {
            flops += (double) tokens * model.lmHead().flopsPerToken();
            weights += model.lmHead().bytes();
        }
        return new Totals(flops, weights, kv);
    }

    /** Weight bytes a step of {@code tokens} new tokens reads from one layer. */
    public static double layerWeightBytesRead(LayerSpec layer, int tokens) {
        double b = sumBytes(layer.attention()) + sumBytes(layer.denseFfn());
        LayerSpec.MoeSpec moe = layer.moe();
        if (moe != null) {
            b += moe.router().bytes() + moe.sharedExperts() * sumBytes(moe.sharedExpert())
                    + moe.expectedDistinctExperts(tokens) * moe.expertBytes();
        }
        return b;
    }


    static double sumBytes(java.util.List<MatrixSpec> ms) {
        double b = 0;
        for (MatrixSpec m : ms) {
            b += m.bytes();
        }
        return b;
    }
}
