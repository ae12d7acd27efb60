package org.fabricsim.workloads.gpu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fabricsim.fabric.api.GpuDescription;
import org.fabricsim.fabric.api.GpuSoftwareStack;
import org.fabricsim.workloads.model.LayerSpec;
import org.fabricsim.workloads.model.MatrixSpec;
import org.fabricsim.workloads.model.MlaAttention;
import org.fabricsim.workloads.model.ModelSpec;
import org.fabricsim.workloads.model.Precision;
import org.fabricsim.workloads.moe.ExpertLayout;
import org.fabricsim.workloads.moe.ExpertPlacement;
import org.fabricsim.workloads.moe.ExpertPopularity;

/**
 * A model placed over tp x ep x pp x dp GPUs, with the per-GPU memory check. A replica has {@code pp} stages of
 * {@code max(tp, ep)} GPUs each; a stage holds a contiguous range of layers. Attention, dense FFN and shared
 * experts are tensor-parallel over groups of {@code tp} GPUs ({@code max(tp, ep) / tp} such attention groups
 * split the batch, i.e. attention data parallelism when ep > tp); routed experts are spread over {@code ep}
 * ranks, each expert tensor-split over {@code max(tp, ep) / ep} GPUs. The embedding lives on the first stage,
 * the LM head on the last (vocabulary-parallel over tp), a draft model on the first stage (tensor-parallel).
 * GQA KV caches are split over tp by heads; MLA's latent KV cache cannot be and is held whole by every tp rank.
 * GPU ids are replica-major, then stage, then rank, so a tp group fills consecutive GPUs of one node. Which
 * rank holds which routed expert, and the hot experts' replicas (whose weights count against their rank's HBM),
 * follow the serving policy's expert placement ({@link ExpertRanks}).
 */
public final class GpuPlacement {
    private final ModelSpec model;
    private final ModelSpec draftModel;
    private final GpuDescription gpu;
    private final GpuSoftwareStack calibration;
    private final int tp;
    private final int ep;
    private final int pp;
    private final int dp;
    private final Precision weightOverride;
    private final double kvScale;
    private final int stageGpus;
    private final int[] stageStart;
    private final long[] weightBytesPerGpu;
    private final double[] kvBytesPerTokenPerGpu;
    private final long kvCapacityTokens;
    private final ExpertPlacement expertPlacement;
    /** The target's expert ranks by routed-expert count (one entry for every model in the catalog). */
    private final Map<Integer, ExpertRanks> expertRanks = new HashMap<>();

    /** A placement with contiguous experts and no replicas. */
    public GpuPlacement(ModelSpec model, ModelSpec draftModel, GpuDescription gpu, GpuSoftwareStack calibration, int tp,
            int ep, int pp, int dp, Precision weightOverride, double kvScale) {
        this(model, draftModel, gpu, calibration, tp, ep, pp, dp, weightOverride, kvScale, ExpertPlacement.DEFAULT,
                ExpertPopularity.UNIFORM);
    }

    /**
     * @param expertPlacement where routed experts go and how many hot ones are replicated
     * @param popularity      the routing popularity that decides which experts are hot
     */
    public GpuPlacement(ModelSpec model, ModelSpec draftModel, GpuDescription gpu, GpuSoftwareStack calibration, int tp,
            int ep, int pp, int dp, Precision weightOverride, double kvScale, ExpertPlacement expertPlacement,
            ExpertPopularity popularity) {
        this.model = model;
        this.draftModel = draftModel;
        this.gpu = gpu;
        this.calibration = calibration;
        this.tp = tp;
        this.ep = ep;
        this.pp = pp;
        this.dp = dp;
        this.weightOverride = weightOverride;
        this.kvScale = kvScale;
        if (pp > model.layerCount()) {
            throw new IllegalArgumentException("pipeline_parallel: must be <= the model's " + model.layerCount()
                    + " layers, got " + pp);
        }
        checkHeadSplit(model, tp);
        if (draftModel != null) {
            checkHeadSplit(draftModel, tp);
        }
        this.stageGpus = Math.max(tp, ep);
        this.expertPlacement = expertPlacement;
        for (LayerSpec layer : model.layers()) {
            if (layer.moe() != null) {
                int experts = layer.moe().routedExperts();
                expertRanks.computeIfAbsent(experts, n -> ExpertRanks.of(
                        ExpertLayout.of(popularity.weights(n, null), expertPlacement.hotReplicas()), ep, expertPlacement));
            }
        }
        this.stageStart = new int[pp + 1];
        for (int s = 0; s <= pp; s++) {
            stageStart[s] = (int) ((long) s * model.layerCount() / pp);
        }
        this.weightBytesPerGpu = new long[pp];
        this.kvBytesPerTokenPerGpu = new double[pp];
        long usable = usableBytesPerGpu();
        long capacity = Long.MAX_VALUE;
        for (int s = 0; s < pp; s++) {
            long w = 0;
            double kv = 0;
            for (int i = stageStart[s]; i < stageStart[s + 1]; i++) {
                LayerSpec layer = model.layers().get(i);
                w += layerWeightBytesPerGpu(layer);
                kv += layer.kvBytesPerToken() * kvScale / kvShards(layer);
            }
            if (s == 0) {
                w += ceilDiv(model.embedding().bytes(), tp);
                if (draftModel != null) {
                    w += ceilDiv(draftModel.weightBytes(), tp);
                }
            }
            if (s == pp - 1 && !(model.tiedEmbeddings() && pp == 1)) {
                w += ceilDiv(model.lmHead().bytes(), tp);
            }
            weightBytesPerGpu[s] = w;
            kvBytesPerTokenPerGpu[s] = kv;
            if (w > usable) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "placement: %s does not fit on %s with tp %d, ep %d, pp %d%s: stage %d needs %.2f GB of weights"
                                + " per GPU, %.2f GB usable (%.0f GB HBM less %.0f%% workspace); short by %.2f GB per GPU",
                        model.name(), gpu.name(), tp, ep, pp, expertPlacement.hotReplicas() == 0 ? ""
                                : " and " + expertPlacement.hotReplicas() + " hot-expert replicas per MoE layer",
                        s, w / 1e9, usable / 1e9, gpu.hbmBytes() / 1e9,
                        100 * calibration.workspaceFractionOfHbm(), (w - usable) / 1e9));
            }
            if (kv > 0) {
                capacity = Math.min(capacity, (long) Math.floor((usable - w) / kv));
            }
        }
        this.kvCapacityTokens = capacity == Long.MAX_VALUE ? Long.MAX_VALUE : capacity * attentionGroups();
        if (kvCapacityTokens < 1) {
            throw new IllegalArgumentException("placement: no HBM left for the KV cache of " + model.name()
                    + " (needs " + (long) Math.ceil(maxKvPerToken()) + " bytes per token per GPU)");
        }
    }

    private double maxKvPerToken() {
        double m = 0;
        for (double v : kvBytesPerTokenPerGpu) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** HBM per GPU for weights and KV cache: capacity less the workspace fraction. */
    public long usableBytesPerGpu() {
        return (long) (gpu.hbmBytes() * (1 - calibration.workspaceFractionOfHbm()));
    }

    /** Weight bytes of one layer on one GPU of its stage (the most loaded rank). */
    long layerWeightBytesPerGpu(LayerSpec layer) {
        long w = attentionBytesPerGpu(layer) + ceilDiv(bytes(layer.denseFfn()), tp);
        LayerSpec.MoeSpec moe = layer.moe();
        if (moe != null) {
            w += moe.router().bytes();
            w += ceilDiv(moe.sharedExperts() * bytes(moe.sharedExpert()), tp);
            w += ceilDiv(expertRanks(moe.routedExperts()).maxCopiesOnRank() * bytes(moe.expert()), expertShard());
        }
        return w;
    }

    /** Attention weight bytes on one GPU: its tensor-parallel shard, and MLA's down-projections whole. */
    long attentionBytesPerGpu(LayerSpec layer) {
        long sharded = 0;
        long whole = 0;
        for (MatrixSpec m : layer.attention()) {
            if (MlaAttention.replicatedUnderTensorParallel(m)) {
                whole += bytes(m);
            } else {
                sharded += bytes(m);
            }
        }
        return ceilDiv(sharded, tp) + whole;
    }

    /**
     * Weight bytes the GPUs of one stage hold together: what each GPU holds (its tensor shards, the router on
     * every GPU, the expert copies of its rank), summed. Replicas add their bytes here and nowhere else.
     */
    long placedWeightBytes(int stage) {
        long w = 0;
        for (int gpu = 0; gpu < stageGpus; gpu++) {
            for (int i = stageStart[stage]; i < stageStart[stage + 1]; i++) {
                LayerSpec layer = model.layers().get(i);
                w += attentionBytesPerGpu(layer) + ceilDiv(bytes(layer.denseFfn()), tp);
                LayerSpec.MoeSpec moe = layer.moe();
                if (moe != null) {
                    w += moe.router().bytes() + ceilDiv(moe.sharedExperts() * bytes(moe.sharedExpert()), tp);
                    w += ceilDiv(expertRanks(moe.routedExperts()).copiesOn(gpu / expertShard()) * bytes(moe.expert()),
                            expertShard());
                }
            }
        }
        return w;
    }

    /** Where the target's routed experts of a layer with {@code experts} of them live. */
    ExpertRanks expertRanks(int experts) {
        ExpertRanks r = expertRanks.get(experts);
        if (r == null) {
            throw new IllegalArgumentException("experts: " + model.name() + " has no MoE layer with " + experts
                    + " routed experts");
        }
        return r;
    }

    public ExpertPlacement expertPlacement() {
        return expertPlacement;
    }

    /** Bytes of a layer matrix at the placement's weight precision (the override, or the catalog's). */
    public long bytes(MatrixSpec m) {
        return weightOverride == null ? m.bytes() : weightOverride.bytes(m.params());
    }

    /** Precision a layer matrix is stored at here. */
    public Precision precision(MatrixSpec m) {
        return weightOverride == null ? m.precision() : weightOverride;
    }

    long bytes(List<MatrixSpec> ms) {
        long b = 0;
        for (MatrixSpec m : ms) {
            b += bytes(m);
        }
        return b;
    }


    /** GPUs over which one layer's KV cache is split. */
    public int kvShards(LayerSpec layer) {
        return Math.min(tp, layer.attentionKvHeads());
    }

    /**
     * Tensor parallelism splits attention by heads: every rank takes whole query heads, and either a share of
     * the K/V heads or, with more ranks than K/V heads, a copy of one (as vLLM and TensorRT-LLM lay them out).
     */
    static void checkHeadSplit(ModelSpec model, int tp) {
        for (LayerSpec layer : model.layers()) {
            int heads = layer.attentionHeads();
            int kv = layer.attentionKvHeads();
            if (heads % tp != 0) {
                throw new IllegalArgumentException("tensor_parallel: must divide " + model.name() + "'s " + heads
                        + " attention heads, got " + tp);
            }
            if (kv > 1 && (tp <= kv ? kv % tp : tp % kv) != 0) {
                throw new IllegalArgumentException("tensor_parallel: must divide " + model.name() + "'s " + kv
                        + " KV heads or be a multiple of them (ranks beyond them hold copies), got " + tp);
            }
        }
    }

    public ModelSpec model() {
        return model;
    }

    public ModelSpec draftModel() {
        return draftModel;
    }

    /** The calibration constants the placement was sized with (and the kernels run with). */
    public GpuSoftwareStack calibration() {
        return calibration;
    }

    public GpuDescription gpu() {
        return gpu;
    }

    public int tensorParallel() {
        return tp;
    }

    public int expertParallel() {
        return ep;
    }

    public int pipelineParallel() {
        return pp;
    }

    public int dataParallel() {
        return dp;
    }

    public double kvScale() {
        return kvScale;
    }

    /** GPUs of one pipeline stage: max(tp, ep). */
    public int stageGpus() {
        return stageGpus;
    }

    /** Tensor-parallel attention groups per stage, which split the batch between them. */
    public int attentionGroups() {
        return stageGpus / tp;
    }

    /** GPUs one routed expert is split over. */
    public int expertShard() {
        return stageGpus / ep;
    }

    public int gpusPerReplica() {
        return stageGpus * pp;
    }

    /** First layer of a stage. */
    public int stageStart(int stage) {
        return stageStart[stage];
    }

    /** One past the last layer of a stage. */
    public int stageEnd(int stage) {
        return stageStart[stage + 1];
    }

    /** Global GPU id of a rank of a stage of a replica. */
    public int gpuId(int replica, int stage, int rank) {
        return replica * gpusPerReplica() + stage * stageGpus + rank;
    }

    /** Weight bytes per GPU of a stage. */
    public long weightBytesPerGpu(int stage) {
        return weightBytesPerGpu[stage];
    }

    /** KV-cache bytes per token of context on one GPU of a stage (for the sequences of its attention group). */
    public double kvBytesPerTokenPerGpu(int stage) {
        return kvBytesPerTokenPerGpu[stage];
    }

    /** Tokens of KV cache one replica holds. */
    public long kvCapacityTokens() {
        return kvCapacityTokens;
    }

    /** Lines for {@code fabricsim describe}. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "  %s: %d layers, %.1f GB of weights (%s), placed tp %d x ep %d x pp %d x dp %d"
                + " = %d GPUs", model.name(), model.layerCount(), totalWeightBytes() / 1e9,
                weightOverride == null ? "catalog precisions" : weightOverride.name(), tp, ep, pp, dp,
                gpusPerReplica() * dp));
        for (int s = 0; s < pp; s++) {
            double kvGb = (usableBytesPerGpu() - weightBytesPerGpu[s]) / 1e9;
            lines.add(String.format(Locale.ROOT, "  stage %d: layers %d-%d, per GPU %.2f GB weights + %.2f GB KV cache"
                    + " (%.0f bytes/token) + %.2f GB workspace of %.0f GB", s, stageStart[s], stageStart[s + 1] - 1,
                    weightBytesPerGpu[s] / 1e9, kvGb, kvBytesPerTokenPerGpu[s],
                    gpu.hbmBytes() * calibration.workspaceFractionOfHbm() / 1e9, gpu.hbmBytes() / 1e9));
        }
        for (ExpertRanks r : expertRanks.values()) {
            double max = 0;
            for (int rank = 0; rank < r.ranks(); rank++) {
                max = Math.max(max, r.expectedLoad(rank));
            }
            lines.add(String.format(Locale.ROOT, "  routed experts: %d per MoE layer placed %s over %d rank(s), %d hot"
                    + " replica(s), up to %d copies per rank; the busiest rank expects %.1f%% of the routed tokens",
                    r.layout().experts(), expertPlacement.policy(), r.ranks(), r.layout().replicas(), r.maxCopiesOnRank(),
                    100 * max));
        }
        lines.add(String.format(Locale.ROOT, "  KV-cache budget: %d tokens per replica (%d replicas)", kvCapacityTokens, dp));
        return lines;
    }

    private long totalWeightBytes() {
        long w = model.embedding().bytes() + (model.tiedEmbeddings() ? 0 : model.lmHead().bytes());
        for (LayerSpec layer : model.layers()) {
            w += bytes(layer.attention()) + bytes(layer.denseFfn());
            LayerSpec.MoeSpec moe = layer.moe();
            if (moe != null) {
                w += moe.router().bytes() + moe.sharedExperts() * bytes(moe.sharedExpert())
                        + (long) moe.routedExperts() * bytes(moe.expert());
            }
        }
        return w;
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
