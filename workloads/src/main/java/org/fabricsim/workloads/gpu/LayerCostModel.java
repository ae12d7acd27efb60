package org.fabricsim.workloads.gpu;

import java.util.List;
import org.fabricsim.fabric.api.MathPrecision;
import org.fabricsim.fabric.gpu.GpuSpec;
import org.fabricsim.fabric.gpu.KernelModel;
import org.fabricsim.workloads.model.LayerSpec;
import org.fabricsim.workloads.model.MatrixSpec;
import org.fabricsim.workloads.model.ModelSpec;
import org.fabricsim.workloads.model.Precision;

/**
 * Seconds one GPU spends on the kernels of one phase of a layer, each kernel a roofline plus its launch
 * overhead, summed arithmetically (no events). Kernels per dense layer: input RMSNorm and rotary (elementwise),
 * the fused projections before attention (q, k, v or MLA's q_a, q_b, kv_a, kv_b), attention over the KV cache, the
 * output projection, post-attention RMSNorm and SiLU-and-mul (elementwise), fused gate+up, down. Activations move
 * as BF16.
 */
final class LayerCostModel {
    static final int ACTIVATION_BYTES = 2;

    private final GpuPlacement placement;
    private final KernelModel kernels;
    private final ModelSpec model;
    private final boolean overrideWeights;
    private final int hidden;
    private final int tp;
    private final int elementwiseAttention;
    private final int elementwiseFfn;
    private final MathPrecision attentionMath;
    private final HbmMeter meter;
    private int[] gpus = new int[0];
    /** Share of MLA's kv_b rows that absorb into the query (qk_nope of qk_nope + v), or -1 for GQA. */
    private final double mlaKeyFraction;

    LayerCostModel(GpuPlacement placement, KernelModel kernels, ModelSpec model, boolean overrideWeights,
            HbmMeter meter) {
        this.meter = meter;
        this.placement = placement;
        this.kernels = kernels;
        this.model = model;
        this.overrideWeights = overrideWeights;
        this.hidden = model.hiddenSize();
        this.tp = placement.tensorParallel();
        int n = kernels.calibration().elementwiseKernelsPerLayer();
        this.elementwiseAttention = (n + 1) / 2;
        this.elementwiseFfn = n / 2;
        this.attentionMath = placement.kvScale() < 1 ? MathPrecision.FP8 : MathPrecision.BF16;
        // kv_b's rows are heads x (qk_nope + v): equal halves in every MLA model of the catalog (DeepSeek-V3, Kimi K2:
        // qk_nope_head_dim = v_head_dim = 128, models.md)
        this.mlaKeyFraction = model.layers().get(0).attention().stream().anyMatch(m -> m.name().equals("kv_b")) ? 0.5 : -1;
    }

    /** The GPUs that each run the kernels costed next (their HBM traffic is metered on each). */
    LayerCostModel on(int[] gpus) {
        this.gpus = gpus;
        return this;
    }

    /** A kernel's time, its HBM bytes metered on the current GPUs. */
    private double kernel(double flops, double hbmBytes, MathPrecision precision) {
        return metered(hbmBytes, kernels.kernelS(flops, hbmBytes, precision));
    }

    /** A GEMM kernel's time (with the GEMM floor), its HBM bytes metered on the current GPUs. */
    private double gemmKernel(double flops, double hbmBytes, MathPrecision precision) {
        return metered(hbmBytes, kernels.gemmKernelS(flops, hbmBytes, precision));
    }

    /** Meters {@code hbmBytes} on the current GPUs and returns {@code seconds}. */
    private double metered(double hbmBytes, double seconds) {
        if (meter != null) {
            meter.add(gpus, hbmBytes);
        }
        return seconds;
    }

    ModelSpec model() {
        return model;
    }

    KernelModel kernels() {
        return kernels;
    }

    /**
     * The tensor-core precision a weight precision computes at: W8A8 at FP8, MXFP4 and NVFP4 at FP4 where the GPU
     * has it, else BF16.
     */
    static MathPrecision math(Precision p, GpuSpec gpu) {
        return switch (p) {
            case FP8 -> MathPrecision.FP8;
            case MXFP4, NVFP4 -> gpu.hasFp4() ? MathPrecision.FP4 : MathPrecision.BF16;
            default -> MathPrecision.BF16;
        };
    }

    private long bytes(MatrixSpec m) {
        return overrideWeights ? placement.bytes(m) : m.bytes();
    }

    private Precision precision(MatrixSpec m) {
        return overrideWeights ? placement.precision(m) : m.precision();
    }

    /** One GEMM kernel over the matrices {@code ms} fused (same input), each split {@code split} ways, for {@code tokens}. */
    double gemmS(List<MatrixSpec> ms, int from, int to, double tokens, int split) {
        if (tokens <= 0 || from >= to) {
            return 0;
        }
        double params = 0;
        double weightBytes = 0;
        double outRows = 0;
        for (int i = from; i < to; i++) {
            MatrixSpec m = ms.get(i);
            params += m.params();
            weightBytes += bytes(m);
            outRows += m.rows();
        }
        double flops = tokens * 2 * params / split;
        double hbm = weightBytes / split + tokens * (ms.get(from).cols() + outRows / split) * ACTIVATION_BYTES;
        return gemmKernel(flops, hbm, math(precision(ms.get(from)), placement.gpu()));
    }

    /** An elementwise kernel (norm, rotary, activation) over {@code tokens} hidden vectors: read and write. */
    double elementwiseS(double tokens) {
        return kernel(0, tokens * hidden * ACTIVATION_BYTES * 2.0, MathPrecision.BF16);
    }

    /** {@code count} elementwise kernels. */
    double elementwiseS(double tokens, int count) {
        double s = 0;
        for (int i = 0; i < count; i++) {
            s += elementwiseS(tokens);
        }
        return s;
    }

    /**
     * Attention phase of one GPU of an attention group: norm, rotary, the projections, attention over
     * {@code kvTokensRead} tokens of KV cache with {@code attendedPairs} (new token, position) pairs, output projection.
     * GQA fuses q, k and v into one kernel. MLA's absorbed decode is a chain of dependent kernels (TensorRT-LLM's
     * DeepSeek-R1 layer: Fuse_A, UQ_QR, UK_BGEMM, attention, UV_GEMM, WO_GEMM): q_a with kv_a, then q_b, then kv_b's
     * key half folded into the query; after attention kv_b's value half, then o.
     */
    double attentionS(LayerSpec layer, double tokens, double kvTokensRead, double attendedPairs) {
        if (tokens <= 0) {
            return 0;
        }
        List<MatrixSpec> a = layer.attention();
        double s = elementwiseS(tokens, elementwiseAttention);
        int last = a.size() - 1;
        double kvBytes = layer.kvBytesPerToken() * placement.kvScale() * kvTokensRead / placement.kvShards(layer);
        double flops = (double) layer.attentionFlopsPerContextToken() * attendedPairs / tp;
        if (mlaKeyFraction < 0) {
            s += gemmS(a, 0, last, tokens, tp);
            s += kernel(flops, kvBytes, attentionMath);
            return s + gemmS(a, last, a.size(), tokens, tp);
        }
        // [q_a,] q_b, kv_a, kv_b, o: kv_b sits two before o, kv_a three before, q_b (if any) four before
        MatrixSpec kvB = a.get(last - 1);
        if (a.size() == 5) {
            s += gemmS(List.of(a.get(0), a.get(2)), 0, 2, tokens, tp) + gemmS(a, 1, 2, tokens, tp);
        } else {
            s += gemmS(List.of(a.get(0), a.get(1)), 0, 2, tokens, tp);
        }
        s += fractionGemmS(kvB, mlaKeyFraction, tokens);
        s += kernel(flops, kvBytes, attentionMath);
        s += fractionGemmS(kvB, 1 - mlaKeyFraction, tokens);
        return s + gemmS(a, last, a.size(), tokens, tp);
    }

    /** One kernel over {@code fraction} of matrix {@code m}'s rows (MLA's kv_b halves), tensor-parallel. */
    private double fractionGemmS(MatrixSpec m, double fraction, double tokens) {
        double flops = tokens * 2 * m.params() * fraction / tp;
        double hbm = bytes(m) * fraction / tp + tokens * (m.cols() + m.rows() * fraction / tp) * ACTIVATION_BYTES;
        return gemmKernel(flops, hbm, math(precision(m), placement.gpu()));
    }

    /** Dense FFN phase: norm, activation, fused gate+up, down, all tensor-parallel. */
    double denseFfnS(LayerSpec layer, double tokens) {
        if (tokens <= 0) {
            return 0;
        }
        return elementwiseS(tokens, elementwiseFfn) + ffnS(layer.denseFfn(), tokens, tp);
    }

    private double ffnS(List<MatrixSpec> f, double tokens, int split) {
        return gemmS(f, 0, f.size() - 1, tokens, split) + gemmS(f, f.size() - 1, f.size(), tokens, split);
    }

    /** Norm, activation and the router GEMM (replicated on every GPU) of an MoE layer, for one attention group's tokens. */
    double routerS(LayerSpec layer, double tokens) {
        if (tokens <= 0) {
            return 0;
        }
        MatrixSpec r = layer.moe().router();
        double flops = tokens * 2.0 * r.params();
        double hbm = r.bytes() + tokens * (r.cols() + r.rows()) * ACTIVATION_BYTES;
        return elementwiseS(tokens, elementwiseFfn) + gemmKernel(flops, hbm, MathPrecision.BF16);
    }

    /** Shared experts of an MoE layer on one GPU of an attention group (tensor-parallel). */
    double sharedExpertsS(LayerSpec layer, double tokens) {
        LayerSpec.MoeSpec moe = layer.moe();
        if (tokens <= 0 || moe.sharedExperts() == 0) {
            return 0;
        }
        return ffnS(moe.sharedExpert(), tokens * moe.sharedExperts(), tp);
    }

    /**
     * Routed experts on one GPU as two grouped GEMMs (gate+up, down) and an activation kernel: every local expert
     * that received a token streams its weight slice once; FLOPs follow the token count.
     *
     * @param tokenExpertPairs (token, local expert) assignments
     * @param expertsTouched   local experts with at least one token
     * @param split            GPUs each expert is split over
     */
    double routedExpertsS(LayerSpec layer, long tokenExpertPairs, int expertsTouched, int split) {
        if (tokenExpertPairs == 0) {
            return 0;
        }
        List<MatrixSpec> e = layer.moe().expert();
        double s = 0;
        int[] ranges = {0, e.size() - 1, e.size()};
        for (int k = 0; k < 2; k++) {
            double params = 0;
            double weightBytes = 0;
            double outRows = 0;
            for (int i = ranges[k]; i < ranges[k + 1]; i++) {
                params += e.get(i).params();
                weightBytes += bytes(e.get(i));
                outRows += e.get(i).rows();
            }
            if (params == 0) {
                continue;
            }
            double flops = tokenExpertPairs * 2.0 * params / split;
            double hbm = expertsTouched * weightBytes / split
                    + tokenExpertPairs * (e.get(ranges[k]).cols() + outRows / split) * ACTIVATION_BYTES;
            s += gemmKernel(flops, hbm, math(precision(e.get(ranges[k])), placement.gpu()));
        }
        return s + elementwiseS(tokenExpertPairs);
    }

    /** Embedding lookup of {@code tokens} rows. */
    double embeddingS(double tokens) {
        return kernel(0, tokens * hidden * (double) model.embedding().precision().bitsPerWeight() / 8
                + tokens * hidden * ACTIVATION_BYTES, MathPrecision.BF16);
    }

    /** Final norm, the vocabulary-parallel LM head for {@code rows} tokens, and sampling. */
    double lmHeadS(double rows) {
        MatrixSpec h = model.lmHead();
        double flops = rows * 2.0 * h.params() / tp;
        double hbm = (double) h.bytes() / tp + rows * (h.cols() + (double) h.rows() / tp) * ACTIVATION_BYTES;
        return elementwiseS(rows) + gemmKernel(flops, hbm, math(h.precision(), placement.gpu()))
                + kernel(0, rows * (double) h.rows() / tp * ACTIVATION_BYTES, MathPrecision.BF16);
    }

    int hidden() {
        return hidden;
    }
}
