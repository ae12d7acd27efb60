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
                double meanContext = s.contextTokens() + (s.newTokens() - 1) / 2.0;
                flops += s.newTokens() * (layerProjectionFlops(layer)
                        + layer.attentionFlopsPerContextToken() * (meanContext + 1));
                kv += layer.kvBytesPerToken() * ((double) s.contextTokens() + s.newTokens());
            }
            weights += layerWeightBytesRead(layer, tokens);
        }
        if (withHead) {
            flops += (double) tokens * model.lmHead().flopsPerToken();
            weights += model.lmHead().bytes();
        }
        return new Totals(flops, weights, kv);
    }

    /** FLOPs of one token through the layer's projections and active experts (attention over context excluded). */
    public static double layerProjectionFlops(LayerSpec layer) {
        double f = sumFlops(layer.attention()) + sumFlops(layer.denseFfn());
        LayerSpec.MoeSpec moe = layer.moe();
        if (moe != null) {
            f += moe.router().flopsPerToken() + moe.activeExperts() * sumFlops(moe.expert())
                    + moe.sharedExperts() * sumFlops(moe.sharedExpert());
        }
        return f;
    }

    /** Weight bytes a step of {@code tokens} new tokens reads from one layer. */
    public static double layerWeightBytesRead(LayerSpec layer, int tokens) {
        double b = sumBytes(layer.attention()) + sumBytes(layer.denseFfn());
        LayerSpec.MoeSpec moe = layer.moe();
        if (moe != null) {
            b += moe.router().bytes() + moe.sharedExperts() * sumBytes(moe.sharedExpert())
                    + expectedDistinctExperts(moe.routedExperts(), moe.activeExperts(), tokens) * sumBytes(moe.expert());
        }
        return b;
    }

    /** Expected distinct experts hit when {@code tokens} tokens each pick k of E uniformly: E (1 - (1 - k/E)^T). */
    public static double expectedDistinctExperts(int experts, int active, int tokens) {
        return experts * (1 - Math.pow(1 - (double) active / experts, tokens));
    }

    static double sumFlops(java.util.List<MatrixSpec> ms) {
        double f = 0;
        for (MatrixSpec m : ms) {
            f += m.flopsPerToken();
        }
        return f;
    }

    static double sumBytes(java.util.List<MatrixSpec> ms) {
        double b = 0;
        for (MatrixSpec m : ms) {
            b += m.bytes();
        }
        return b;
    }
}
