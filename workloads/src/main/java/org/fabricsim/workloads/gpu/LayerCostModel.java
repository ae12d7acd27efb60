package org.fabricsim.workloads.gpu;

import java.util.List;
import org.fabricsim.fabric.api.GpuDescription;
import org.fabricsim.fabric.api.GemmShape;
import org.fabricsim.fabric.api.KernelSequence;
import org.fabricsim.fabric.api.KernelWork;
import org.fabricsim.fabric.api.MathPrecision;
import org.fabricsim.fabric.api.Work;
import org.fabricsim.workloads.model.LayerSpec;
import org.fabricsim.workloads.model.MatrixSpec;
import org.fabricsim.workloads.model.MlaAttention;
import org.fabricsim.workloads.model.ModelSpec;
import org.fabricsim.workloads.model.Precision;

/**
 * The kernels one GPU runs for one phase of a layer, as FLOPs and HBM bytes for the fabric to time. Kernels per
 * dense layer: input RMSNorm and rotary (elementwise), the fused projections before attention (q, k, v or MLA's
 * q_a, q_b, kv_a, kv_b), attention over the KV cache, the output projection, post-attention RMSNorm and
 * SiLU-and-mul (elementwise), fused gate+up, down. Activations move as BF16. A phase with nothing to do is
 * {@link KernelSequence#EMPTY}.
 */
final class LayerCostModel {
    static final int ACTIVATION_BYTES = 2;

    private final GpuPlacement placement;
    private final ModelSpec model;
    private final boolean overrideWeights;
    private final int hidden;
    private final int tp;
    private final int elementwiseAttention;
    private final int elementwiseFfn;
    private final MathPrecision attentionMath;
    /** Share of MLA's kv_b rows that absorb into the query (qk_nope of qk_nope + v), or -1 for GQA. */
    private final double mlaKeyFraction;
    /** Per layer of the model (by position), its shape: layers equal but for their index share one. */
    private final int[] shapes;
    /**
     * Routed experts run as grouped GEMMs over (token, expert) rows this GPU lays out itself: a permute kernel gathers
     * each token's row once per expert before them and a finalize kernel sums each token's expert outputs after
     * (TensorRT-LLM's CUTLASS MoE flow, vLLM's and SGLang's fused_moe with moe_sum). False when a dispatch collective
     * delivers the rows grouped by expert and its combine sums them (DeepEP), or when the experts run on every token
     * masked and the layer-end all-reduce sums them (TensorRT-LLM's "sparse experts as GEMMs"): tech blog 1.
     */
    private final boolean gathersRoutedTokens;
    /** An MoE layer's expert phase per (shape, pairs, experts touched, split, shared tokens), recently built. */
    private final ExpertPhases expertPhases = new ExpertPhases();

    LayerCostModel(GpuPlacement placement, ModelSpec model, boolean overrideWeights, boolean gathersRoutedTokens) {
        this.placement = placement;
        this.gathersRoutedTokens = gathersRoutedTokens;
        this.model = model;
        this.overrideWeights = overrideWeights;
        this.hidden = model.hiddenSize();
        this.tp = placement.tensorParallel();
        int n = placement.calibration().elementwiseKernelsPerLayer();
        this.elementwiseAttention = (n + 1) / 2;
        this.elementwiseFfn = n / 2;
        this.attentionMath = placement.kvScale() < 1 ? MathPrecision.FP8 : MathPrecision.BF16;
        // kv_b's rows are heads x (qk_nope + v): equal halves in every MLA model of the catalog (DeepSeek-V3, Kimi K2:
        // qk_nope_head_dim = v_head_dim = 128, models.md)
        this.mlaKeyFraction = model.layers().get(0).attention().stream().anyMatch(m -> m.name().equals("kv_b")) ? 0.5 : -1;
        this.shapes = shapes(model.layers());
    }

    /**
     * Numbers the layers' shapes: two layers get the same number when they are equal but for their index, which no
     * phase's cost reads, so their phases cost the same for the same batch (a step's MoE layers all do).
     */
    private static int[] shapes(List<LayerSpec> layers) {
        java.util.Map<LayerSpec, Integer> ids = new java.util.HashMap<>();
        int[] shapes = new int[layers.size()];
        for (int i = 0; i < shapes.length; i++) {
            LayerSpec l = layers.get(i);
            LayerSpec unindexed = new LayerSpec(0, l.attention(), l.denseFfn(), l.moe(), l.kvBytesPerToken(),
                    l.attentionFlopsPerContextToken(), l.attentionWindowTokens(), l.attentionHeads(),
                    l.attentionKvHeads());
            shapes[i] = ids.computeIfAbsent(unindexed, k -> ids.size());
        }
        return shapes;
    }

    /** The shape of the model's layer at {@code position}: equal shapes have equal phase costs for equal batches. */
    int shape(int position) {
        return shapes[position];
    }

    ModelSpec model() {
        return model;
    }

    /**
     * The tensor-core precision a weight precision computes at: W8A8 at FP8, MXFP4 and NVFP4 at FP4 where the GPU
     * has it, else BF16.
     */
    static MathPrecision math(Precision p, GpuDescription gpu) {
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

    /** A kernel that only passes activations on (norm, rotary, activation, sampling): all its bytes may sit in L2. */
    private static KernelWork activationKernel(double bytes) {
        return new KernelWork(0, bytes, bytes, MathPrecision.BF16, null);
    }

    /**
     * A GEMM of {@code tokens} rows by a weight of {@code n} output and {@code k} input columns per product, over
     * {@code groups} products: weight bytes from HBM, activations in and out as BF16.
     */
    private KernelWork gemmKernel(double flops, double weightBytes, double tokens, double n, double k, int groups,
            Precision weights) {
        MathPrecision math = math(weights, placement.gpu());
        double activations = (tokens * groups) * (k + n) * ACTIVATION_BYTES;
        GemmShape shape = new GemmShape(tokens, n, k, groups, weights.bitsPerWeight() < bits(math));
        return new KernelWork(flops, weightBytes + activations, activations, math, shape);
    }

    private static int bits(MathPrecision p) {
        return switch (p) {
            case BF16 -> 16;
            case FP8 -> 8;
            case FP4 -> 4;
        };
    }

    /**
     * One GEMM kernel over the matrices {@code ms} fused (same input), each split {@code split} ways, for
     * {@code tokens}, added to {@code out}; none when there are no tokens or matrices. A column-parallel split (q, k,
     * v, gate, up) divides the output columns; a row-parallel one (o, down) the reduction, its partial sums summed by
     * the all-reduce after it.
     */
    private void gemm(PhaseKernels out, List<MatrixSpec> ms, int from, int to, double tokens, int split) {
        gemm(out, ms, from, to, tokens, split, false);
    }

    private void gemm(PhaseKernels out, List<MatrixSpec> ms, int from, int to, double tokens, int split,
            boolean rowParallel) {
        if (tokens <= 0 || from >= to) {
            return;
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
        double cols = ms.get(from).cols();
        out.add(gemmKernel(flops, weightBytes / split, tokens, rowParallel ? outRows : outRows / split,
                rowParallel ? cols / split : cols, 1, precision(ms.get(from))));
    }

    /** An elementwise kernel (norm, rotary, activation) over {@code tokens} hidden vectors: read and write. */
    private KernelWork elementwise(double tokens) {
        return activationKernel(tokens * hidden * ACTIVATION_BYTES * 2.0);
    }

    /** {@code count} elementwise kernels added to {@code out}. */
    private void elementwise(PhaseKernels out, double tokens, int count) {
        for (int i = 0; i < count; i++) {
            out.add(elementwise(tokens));
        }
    }

    /**
     * Attention phase of one GPU of an attention group: norm, rotary, the projections, attention over
     * {@code kvTokensRead} tokens of KV cache with {@code attendedPairs} (new token, position) pairs, output projection.
     * GQA fuses q, k and v into one kernel. MLA's absorbed decode is a chain of dependent kernels (TensorRT-LLM's
     * DeepSeek-R1 layer: Fuse_A, UQ_QR, UK_BGEMM, attention, UV_GEMM, WO_GEMM): q_a with kv_a, then q_b, then kv_b's
     * key half folded into the query; after attention kv_b's value half, then o. MLA prefill runs in the
     * compute-friendly form instead (vLLM's MLA backend, vllm/attention/backends/mla/common.py; SGLang's MHA path):
     * kv_b decompresses the prompt chunks' latent cache into per-head keys and values, and attention runs as
     * multi-head attention over them.
     *
     * @param prefillTokens   of {@code tokens}, the prompt chunks' (their share of the KV tokens and pairs follow)
     */
    KernelSequence attention(LayerSpec layer, double tokens, double kvTokensRead, double attendedPairs,
            double prefillTokens, double prefillKvTokens, double prefillPairs) {
        if (tokens <= 0) {
            return KernelSequence.EMPTY;
        }
        List<MatrixSpec> a = layer.attention();
        PhaseKernels out = new PhaseKernels(elementwiseAttention + 8);
        elementwise(out, tokens, elementwiseAttention);
        int last = a.size() - 1;
        if (mlaKeyFraction < 0) {
            double kvBytes = layer.kvBytesPerToken() * placement.kvScale() * kvTokensRead / placement.kvShards(layer);
            double flops = (double) layer.attentionFlopsPerContextToken() * attendedPairs / tp;
            gemm(out, a, 0, last, tokens, tp);
            out.add(KernelWork.streaming(flops, kvBytes, attentionMath));
            gemm(out, a, last, a.size(), tokens, tp, true);
            return out.sequence();
        }
        // [q_a,] q_b, kv_a, kv_b, o: kv_b sits two before o, kv_a three before, q_b (if any) four before
        MatrixSpec kvB = a.get(last - 1);
        // the down-projections q_a and kv_a run whole on every rank, as the placement holds them
        if (a.size() == 5) {
            // q_a with kv_a, then q_b: one term of the phase's sum
            PhaseKernels fused = new PhaseKernels(2);
            gemm(fused, List.of(a.get(0), a.get(2)), 0, 2, tokens, split(a.get(0)));
            gemm(fused, a, 1, 2, tokens, split(a.get(1)));
            out.add(fused.sequence());
        } else {
            // q column-parallel, kv_a whole: two kernels
            gemm(out, a, 0, 1, tokens, split(a.get(0)));
            gemm(out, a, 1, 2, tokens, split(a.get(1)));
        }
        double kvBytesPerToken = layer.kvBytesPerToken() * placement.kvScale() / placement.kvShards(layer);
        double decodeTokens = tokens - prefillTokens;
        if (decodeTokens > 0) {
            double flops = (double) layer.attentionFlopsPerContextToken() * (attendedPairs - prefillPairs) / tp;
            out.add(fractionGemm(kvB, mlaKeyFraction, decodeTokens));
            out.add(KernelWork.streaming(flops, kvBytesPerToken * (kvTokensRead - prefillKvTokens), attentionMath));
            out.add(fractionGemm(kvB, 1 - mlaKeyFraction, decodeTokens));
        }
        if (prefillTokens > 0) {
            // kv_b over every KV token of the chunks: the rank's heads' keys (nope part) and values, as BF16, which
            // the multi-head attention then reads at BF16 whatever the cache's precision
            out.add(fractionGemm(kvB, 1, prefillKvTokens));
            double qkPerHeadPair = 2.0 * a.get(a.size() == 5 ? 1 : 0).rows();
            double pvPerHeadPair = 2.0 * kvB.rows() * (1 - mlaKeyFraction);
            double flops = (qkPerHeadPair + pvPerHeadPair) * prefillPairs / tp;
            double keysAndValues = prefillKvTokens * ((double) kvB.rows() / tp) * ACTIVATION_BYTES;
            out.add(KernelWork.streaming(flops, kvBytesPerToken * prefillKvTokens + keysAndValues, MathPrecision.BF16));
        }
        gemm(out, a, last, a.size(), tokens, tp, true);
        return out.sequence();
    }

    /** GPUs an attention matrix is split over: the tensor-parallel group, or one for a matrix each rank holds whole. */
    private int split(MatrixSpec m) {
        return MlaAttention.replicatedUnderTensorParallel(m) ? 1 : tp;
    }

    /** One kernel over {@code fraction} of matrix {@code m}'s rows (MLA's kv_b halves), tensor-parallel. */
    private KernelWork fractionGemm(MatrixSpec m, double fraction, double tokens) {
        double flops = tokens * 2 * m.params() * fraction / tp;
        return gemmKernel(flops, bytes(m) * fraction / tp, tokens, m.rows() * fraction / tp, m.cols(), 1, precision(m));
    }

    /** Dense FFN phase: norm, activation, fused gate+up, down, all tensor-parallel. */
    KernelSequence denseFfn(LayerSpec layer, double tokens) {
        if (tokens <= 0) {
            return KernelSequence.EMPTY;
        }
        PhaseKernels out = new PhaseKernels(elementwiseFfn + 1);
        elementwise(out, tokens, elementwiseFfn);
        out.add(ffn(layer.denseFfn(), tokens, tp));
        return out.sequence();
    }

    /** Fused gate+up, then down: one term. */
    private KernelSequence ffn(List<MatrixSpec> f, double tokens, int split) {
        PhaseKernels out = new PhaseKernels(2);
        gemm(out, f, 0, f.size() - 1, tokens, split);
        gemm(out, f, f.size() - 1, f.size(), tokens, split, true);
        return out.sequence();
    }

    /** Norm, activation and the router GEMM (replicated on every GPU) of an MoE layer, for one attention group's tokens. */
    KernelSequence router(LayerSpec layer, double tokens) {
        if (tokens <= 0) {
            return KernelSequence.EMPTY;
        }
        MatrixSpec r = layer.moe().router();
        double flops = tokens * 2.0 * r.params();
        PhaseKernels out = new PhaseKernels(elementwiseFfn + 2);
        elementwise(out, tokens, elementwiseFfn);
        out.add(gemmKernel(flops, r.bytes(), tokens, r.rows(), r.cols(), 1, Precision.BF16));
        // top-k over the router's FP32 logits, writing each token's expert ids and weights (4 bytes each): its own
        // kernel in every stack (TensorRT-LLM's routerGEMM & topK module, tech blog 1)
        out.add(activationKernel(tokens * (r.rows() * 4.0 + layer.moe().activeExperts() * 8.0)));
        return out.sequence();
    }

    /** Shared experts of an MoE layer on one GPU of an attention group (tensor-parallel). */
    KernelSequence sharedExperts(LayerSpec layer, double tokens) {
        LayerSpec.MoeSpec moe = layer.moe();
        if (tokens <= 0 || moe.sharedExperts() == 0) {
            return KernelSequence.EMPTY;
        }
        return ffn(moe.sharedExpert(), tokens * moe.sharedExperts(), tp);
    }

    /**
     * Routed experts on one GPU as two grouped GEMMs (gate+up, down) and an activation kernel: every local expert
     * that received a token streams its weight slice once; FLOPs follow the token count.
     *
     * @param tokenExpertPairs (token, local expert) assignments
     * @param expertsTouched   local experts with at least one token
     * @param split            GPUs each expert is split over
     * @param tokens           the attention group's tokens, whose rows a GPU that gathers its routed tokens permutes
     */
    KernelSequence routedExperts(LayerSpec layer, long tokenExpertPairs, int expertsTouched, int split,
            double tokens) {
        if (tokenExpertPairs == 0) {
            return KernelSequence.EMPTY;
        }
        List<MatrixSpec> e = layer.moe().expert();
        PhaseKernels out = new PhaseKernels(5);
        double rowBytes = (double) hidden * ACTIVATION_BYTES;
        if (gathersRoutedTokens) {
            out.add(activationKernel((tokens + tokenExpertPairs) * rowBytes));
        }
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
            // gate+up split by columns, down by its reduction (row-parallel)
            double cols = e.get(ranges[k]).cols();
            out.add(gemmKernel(flops, expertsTouched * weightBytes / split, (double) tokenExpertPairs / expertsTouched,
                    k == 0 ? outRows / split : outRows, k == 0 ? cols : cols / split, expertsTouched,
                    precision(e.get(ranges[k]))));
        }
        out.add(elementwise(tokenExpertPairs));
        if (gathersRoutedTokens) {
            out.add(activationKernel((tokenExpertPairs + tokens) * rowBytes));
        }
        return out.sequence();
    }

    /**
     * An MoE layer's expert phase on one GPU: its routed experts ({@link #routedExperts}), then the shared experts for
     * its attention group's {@code sharedTokens}. The layer at {@code position} of the model; the same instance for the
     * same arguments while it is kept, so that the fabric times it once.
     */
    KernelSequence experts(int position, long tokenExpertPairs, int expertsTouched, int split, double sharedTokens) {
        int shape = shapes[position];
        KernelSequence kept = expertPhases.get(shape, tokenExpertPairs, expertsTouched, split, sharedTokens);
        if (kept != null) {
            return kept;
        }
        LayerSpec layer = model.layers().get(position);
        KernelSequence phase = new KernelSequence(routedExperts(layer, tokenExpertPairs, expertsTouched, split,
                sharedTokens), sharedExperts(layer, sharedTokens));
        expertPhases.put(shape, tokenExpertPairs, expertsTouched, split, sharedTokens, phase);
        return phase;
    }

    /** Embedding lookup of {@code tokens} rows. */
    KernelWork embedding(double tokens) {
        double out = tokens * hidden * ACTIVATION_BYTES;
        return new KernelWork(0, tokens * hidden * model.embedding().precision().bitsPerWeight() / 8 + out, out,
                MathPrecision.BF16, null);
    }

    /**
     * Final norm, the vocabulary-parallel LM head for {@code rows} tokens, and sampling; nothing when no token of the
     * group needs logits (a prefill chunk that does not end its prompt launches no LM head).
     */
    KernelSequence lmHead(double rows) {
        if (rows <= 0) {
            return KernelSequence.EMPTY;
        }
        MatrixSpec h = model.lmHead();
        double flops = rows * 2.0 * h.params() / tp;
        return new KernelSequence(elementwise(rows),
                gemmKernel(flops, (double) h.bytes() / tp, rows, (double) h.rows() / tp, h.cols(), 1, h.precision()),
                activationKernel(rows * (double) h.rows() / tp * ACTIVATION_BYTES));
    }

    int hidden() {
        return hidden;
    }
}
