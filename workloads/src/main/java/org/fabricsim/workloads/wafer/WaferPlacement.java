package org.fabricsim.workloads.wafer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.fabricsim.fabric.api.Fabric;
import org.fabricsim.fabric.api.Hardware;
import org.fabricsim.fabric.api.IdleWaferCost;
import org.fabricsim.fabric.api.Region;
import org.fabricsim.fabric.api.WaferDescription;
import org.fabricsim.fabric.api.WaferFloorplan;
import org.fabricsim.fabric.api.WaferPipelineCosts;
import org.fabricsim.fabric.api.WaferSystem;
import org.fabricsim.workloads.model.LayerSpec;
import org.fabricsim.workloads.model.MatrixSpec;
import org.fabricsim.workloads.model.ModelSpec;
import org.fabricsim.workloads.moe.ExpertLayout;

/**
 * A model placed layer by layer on rectangular regions of one or more wafers: the embedding on the first
 * wafer, contiguous ranges of layers (each routed and shared expert in a region of its own), the lm_head
 * on the last. Each wafer's regions spread over the whole grid; what a layer region's cores have left
 * after weights and activation buffers is its KV-cache budget. A hot expert's replica ({@link ExpertLayout})
 * is one more expert region of its layer, on the layer's wafer, after the layer's original experts: it costs
 * cores and SRAM like any expert and takes half of that expert's tokens. A speculative pipeline's draft head
 * (its dense layers and a copy of the embedding) sits on the last wafer beside the lm_head it shares, so that
 * drafting never crosses an inter-wafer link.
 */
public final class WaferPlacement {

    /** A part placed on a wafer. */
    public record PlacedPart(ModelPart part, int wafer, int regionId, Region region, long kvTokens) {
    }

    private final ModelSpec model;
    private final WaferDescription spec;
    private final List<WaferFloorplan> wafers;
    private final List<PlacedPart> parts;
    private final int[] layerPart;
    private final int[][] expertParts;
    private final ExpertLayout[] expertLayouts;
    private final int[][] sharedParts;
    private final int embeddingPart;
    private final int lmHeadPart;
    private final int draftEmbeddingPart;
    private final int[] draftLayerParts;
    private final List<LayerSpec> draftHead;
    private final int minimumWafersByCapacity;
    private final long minKvTokens;
    /** Asked before every step is admitted; a walk over Kimi K2.6's ~23,000 parts each time was a fifth of a run. */
    private final long kvCapacityTokens;

    private WaferPlacement(ModelSpec model, WaferDescription spec, List<WaferFloorplan> wafers, List<PlacedPart> parts,
            int minimumWafersByCapacity, long minKvTokens, IntFunction<ExpertLayout> layouts, List<LayerSpec> draftHead) {
        this.model = model;
        this.draftHead = List.copyOf(draftHead);
        this.spec = spec;
        this.wafers = List.copyOf(wafers);
        this.parts = List.copyOf(parts);
        this.minimumWafersByCapacity = minimumWafersByCapacity;
        this.minKvTokens = minKvTokens;
        this.kvCapacityTokens = kvCapacityTokens(this.parts);
        int layers = model.layers().size();
        layerPart = new int[layers];
        expertParts = new int[layers][];
        sharedParts = new int[layers][];
        int emb = -1;
        int head = -1;
        int draftEmb = -1;
        List<Integer> draftLayers = new ArrayList<>();
        List<List<Integer>> ex = new ArrayList<>();
        List<List<Integer>> sh = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            ex.add(new ArrayList<>());
            sh.add(new ArrayList<>());
        }
        for (int i = 0; i < parts.size(); i++) {
            ModelPart p = parts.get(i).part();
            switch (p.kind()) {
                case EMBEDDING -> emb = i;
                case LM_HEAD -> head = i;
                case LAYER -> layerPart[p.layer()] = i;
                case EXPERT -> ex.get(p.layer()).add(i);
                case SHARED_EXPERT -> sh.get(p.layer()).add(i);
                case DRAFT_EMBEDDING -> draftEmb = i;
                case DRAFT_LAYER -> draftLayers.add(i);
                default -> throw new IllegalStateException();
            }
        }
        expertLayouts = new ExpertLayout[layers];
        for (int i = 0; i < layers; i++) {
            expertParts[i] = ex.get(i).stream().mapToInt(Integer::intValue).toArray();
            sharedParts[i] = sh.get(i).stream().mapToInt(Integer::intValue).toArray();
            LayerSpec.MoeSpec moe = model.layers().get(i).moe();
            expertLayouts[i] = moe == null ? null : layouts.apply(moe.routedExperts());
        }
        embeddingPart = emb;
        lmHeadPart = head;
        draftEmbeddingPart = draftEmb;
        draftLayerParts = draftLayers.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The parts of a model in pipeline order, one region per routed expert. */
    public static List<ModelPart> parts(ModelSpec model) {
        return parts(model, ExpertLayout::single);
    }

    /**
     * The parts of a model in pipeline order: per MoE layer its shared experts, its routed experts, then one
     * more region per hot replica of {@code layouts} (given a layer's routed-expert count), hottest first.
     */
    public static List<ModelPart> parts(ModelSpec model, IntFunction<ExpertLayout> layouts) {
        return parts(model, layouts, List.of());
    }

    /** As {@link #parts(ModelSpec, IntFunction)}, with a draft head's embedding copy and layers before the lm_head. */
    public static List<ModelPart> parts(ModelSpec model, IntFunction<ExpertLayout> layouts, List<LayerSpec> draftHead) {
        List<ModelPart> out = new ArrayList<>();
        out.add(new ModelPart("embedding", PartKind.EMBEDDING, -1, -1, List.of(model.embedding()), 0));
        for (LayerSpec l : model.layers()) {
            List<MatrixSpec> m = new ArrayList<>(l.attention());
            m.addAll(l.denseFfn());
            if (l.moe() != null && l.moe().router() != null) {
                m.add(l.moe().router());
            }
            out.add(new ModelPart("layer " + l.index(), PartKind.LAYER, l.index(), -1, m, l.kvBytesPerToken()));
            if (l.moe() != null) {
                for (int s = 0; s < l.moe().sharedExperts(); s++) {
                    out.add(new ModelPart("layer " + l.index() + " shared expert " + s, PartKind.SHARED_EXPERT,
                            l.index(), s, l.moe().sharedExpert(), 0));
                }
                for (int e = 0; e < l.moe().routedExperts(); e++) {
                    out.add(new ModelPart("layer " + l.index() + " expert " + e, PartKind.EXPERT, l.index(), e,
                            l.moe().expert(), 0));
                }
                ExpertLayout layout = layouts.apply(l.moe().routedExperts());
                for (int c = layout.experts(); c < layout.copies(); c++) {
                    int e = layout.expertOf(c);
                    out.add(new ModelPart("layer " + l.index() + " expert " + e + " replica", PartKind.EXPERT, l.index(),
                            e, l.moe().expert(), 0));
                }
            }
        }
        if (!draftHead.isEmpty()) {
            out.add(new ModelPart("draft embedding", PartKind.DRAFT_EMBEDDING, -1, -1, List.of(model.embedding()), 0));
            for (LayerSpec l : draftHead) {
                List<MatrixSpec> m = new ArrayList<>(l.attention());
                m.addAll(l.denseFfn());
                out.add(new ModelPart("draft layer " + l.index(), PartKind.DRAFT_LAYER, -1, -1, m, l.kvBytesPerToken()));
            }
        }
        out.add(new ModelPart("lm_head", PartKind.LM_HEAD, -1, -1, List.of(model.lmHead()), 0));
        return out;
    }

    /**
     * Places the model.
     *
     * @param wafersOrZero    number of wafers, or 0 for the fewest that fit
     * @param reservedPerCore SRAM bytes per core kept for code and runtime
     * @param minKvTokens     KV-cache tokens every layer region must be able to hold
     * @param bufferTokens    tokens per step the activation buffers are sized for (the batch limit)
     */
    public static WaferPlacement place(ModelSpec model, WaferDescription spec, int wafersOrZero, int reservedPerCore,
            long minKvTokens, int bufferTokens) {
        return place(model, spec, wafersOrZero, reservedPerCore, minKvTokens, bufferTokens, ExpertLayout::single);
    }

    /**
     * Places the model with the expert copies of {@code layouts} (given a layer's routed-expert count): a hot
     * replica is one more region on its layer's wafer.
     */
    public static WaferPlacement place(ModelSpec model, WaferDescription spec, int wafersOrZero, int reservedPerCore,
            long minKvTokens, int bufferTokens, IntFunction<ExpertLayout> layouts) {
        return place(model, spec, wafersOrZero, reservedPerCore, minKvTokens, bufferTokens, layouts,
                RegionSizing.CRITICAL_PATH, bufferTokens);
    }

    /**
     * Places the model with its regions sized by {@code sizing} for decode steps of {@code stepTokens} tokens
     * (the batch limit times the tokens a verify pass carries). The number of wafers is decided by bytes; the
     * sizing then shares each wafer's cores.
     */
    public static WaferPlacement place(ModelSpec model, WaferDescription spec, int wafersOrZero, int reservedPerCore,
            long minKvTokens, int bufferTokens, IntFunction<ExpertLayout> layouts, RegionSizing sizing,
            int stepTokens) {
        return place(model, spec, wafersOrZero, reservedPerCore, minKvTokens, bufferTokens, layouts, sizing, stepTokens,
                List.of());
    }

    /** As the overload above, with a draft head (empty: none) beside the lm_head on the last wafer. */
    public static WaferPlacement place(ModelSpec model, WaferDescription spec, int wafersOrZero, int reservedPerCore,
            long minKvTokens, int bufferTokens, IntFunction<ExpertLayout> layouts, RegionSizing sizing,
            int stepTokens, List<LayerSpec> draftHead) {
        List<ModelPart> all = parts(model, layouts, draftHead);
        double[] weights = sizing == RegionSizing.BYTES ? null : RegionSizing.weights(all, model, stepTokens);
        int replicas = 0;
        for (LayerSpec l : model.layers()) {
            replicas += l.moe() == null ? 0 : layouts.apply(l.moe().routedExperts()).replicas();
        }
        String withReplicas = replicas == 0 ? "" : " with " + replicas + " hot-expert replica regions";
        long usable = spec.sramBytesPerCore() - reservedPerCore;
        long total = 0;
        for (ModelPart p : all) {
            total += bytesToHold(p, minKvTokens);
        }
        long perWafer = usable * spec.cores();
        int minByCapacity = (int) Math.max(1, (total + perWafer - 1) / perWafer);
        PartPacking packing = new PartPacking(all, spec, usable, minKvTokens, bufferTokens);
        if (wafersOrZero > 0) {
            int[] first = split(all, wafersOrZero, minKvTokens);
            for (int w = 1; w <= wafersOrZero; w++) {
                if (first[w] <= first[w - 1]) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "wafers: %d leaves wafer %d without a layer: whole layers are split over wafers by their"
                                    + " bytes and %s has %d layers; use fewer wafers", wafersOrZero, w - 1,
                            model.name(), model.layerCount()));
                }
            }
            List<Region[]> packed = packing.packAll(first, weights);
            if (packed == null) {
                int[] g = packing.greedy();
                if (g == null) {
                    throw new IllegalArgumentException("wafers: a single layer of " + model.name() + " (with its experts"
                            + (replicas == 0 ? "" : " and their hot replicas") + ") does not fit on one " + spec.name()
                            + " wafer of " + spec.rows() + " x " + spec.cols() + " cores");
                }
                int needed = g.length - 1;
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "wafers: %s%s needs at least %d %s wafers (%.1f GB of weights and %,d-token KV cache against"
                                + " %.1f GB usable SRAM per wafer), got %d",
                        model.name(), withReplicas, Math.max(minByCapacity, needed), spec.name(), total / 1e9,
                        minKvTokens, perWafer / 1e9, wafersOrZero));
            }
            return build(model, spec, all, first, packed, reservedPerCore, minByCapacity, minKvTokens, bufferTokens,
                    layouts, draftHead);
        }
        int[] first = packing.greedy();
        if (first == null) {
            throw new IllegalArgumentException("wafers: a single layer of " + model.name() + " (with its experts"
                    + (replicas == 0 ? "" : " and their hot replicas") + ") does not fit on one " + spec.name() + " wafer");
        }
        List<Region[]> packed = packing.packAll(first, weights);
        return build(model, spec, all, first, packed, reservedPerCore, minByCapacity, minKvTokens, bufferTokens,
                layouts, draftHead);
    }

    /** First part index of each pipeline block: the embedding and layer 0 together, each layer with its experts, lm_head with the last layer. */
    static List<Integer> blockStarts(List<ModelPart> all) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            PartKind k = all.get(i).kind();
            if (k == PartKind.LAYER && all.get(i).layer() > 0) {
                starts.add(i);
            }
        }
        starts.add(0, 0);
        return starts;
    }

    static long bytesToHold(ModelPart p, long minKvTokens) {
        return p.weightBytes() + minKvTokens * p.kvBytesPerToken();
    }

    /** Splits parts into contiguous groups by layer, balanced by bytes. Returns the first part index of each wafer. */
    static int[] split(List<ModelPart> all, int wafers, long minKvTokens) {
        long total = 0;
        for (ModelPart p : all) {
            total += bytesToHold(p, minKvTokens);
        }
        int[] first = new int[wafers + 1];
        first[wafers] = all.size();
        long cum = 0;
        int w = 1;
        for (int i = 0; i < all.size() && w < wafers; i++) {
            ModelPart p = all.get(i);
            // cut only before a layer (experts stay with their layer, the embedding with the first, the lm_head with the last)
            boolean cutPoint = p.kind() == PartKind.LAYER && p.layer() > 0;
            if (cutPoint) {
                long blockBytes = 0;
                int j = i;
                do {
                    blockBytes += bytesToHold(all.get(j), minKvTokens);
                    j++;
                } while (j < all.size() && all.get(j).kind() != PartKind.LAYER);
                long target = total * w / wafers;
                // cut here if this block would carry the wafer further past its share than stopping short
                if (cum + blockBytes - target > target - cum) {
                    first[w++] = i;
                }
            }
            cum += bytesToHold(p, minKvTokens);
        }
        while (w < wafers) {
            first[w] = first[w - 1];
            w++;
        }
        return first;
    }

    private static WaferPlacement build(ModelSpec model, WaferDescription spec, List<ModelPart> all, int[] first,
            List<Region[]> packed, int reservedPerCore, int minByCapacity, long minKvTokens, int bufferTokens,
            IntFunction<ExpertLayout> layouts, List<LayerSpec> draftHead) {
        int waferCount = first.length - 1;
        List<WaferFloorplan> wafers = new ArrayList<>();
        List<PlacedPart> placed = new ArrayList<>();
        for (int w = 0; w < waferCount; w++) {
            WaferFloorplan wafer = Hardware.builtIn().floorplan(spec, reservedPerCore);
            wafers.add(wafer);
            Region[] regions = packed.get(w);
            for (int i = first[w]; i < first[w + 1]; i++) {
                ModelPart p = all.get(i);
                Region r = regions[i - first[w]];
                int id = wafer.allocate(r, p.label());
                wafer.place(id, ModelPart.ceilDiv(p.weightBytes(), r.cores()), "weights");
                wafer.place(id, p.activationBytesPerCore(r.rows(), r.cols(), bufferTokens), "activation buffers");
                long kvTokens = 0;
                if (p.kvBytesPerToken() > 0) {
                    kvTokens = wafer.freeBytesPerCore(id) * r.cores() / p.kvBytesPerToken();
                    wafer.place(id, ModelPart.ceilDiv(kvTokens * p.kvBytesPerToken(), r.cores()) , "KV cache");
                }
                placed.add(new PlacedPart(p, w, id, r, kvTokens));
            }
        }
        return new WaferPlacement(model, spec, wafers, placed, minByCapacity, minKvTokens, layouts, draftHead);
    }

    public List<WaferFloorplan> wafers() {
        return wafers;
    }

    /** The pipeline these wafers form on {@code wafers}, unit i being part i's region. */
    public Fabric pipeline(WaferSystem wafers) {
        return wafers.pipeline(wafers(), unitWafers(), unitRegions());
    }

    /** What operations on these wafers cost with nothing else running, unit i being part i's region. */
    public IdleWaferCost idleCost(WaferPipelineCosts costs) {
        return Hardware.builtIn().idleWaferCost(costs, wafers(), unitWafers(), unitRegions());
    }

    int[] unitWafers() {
        int[] unitWafer = new int[parts.size()];
        for (int u = 0; u < unitWafer.length; u++) {
            unitWafer[u] = parts.get(u).wafer();
        }
        return unitWafer;
    }

    int[] unitRegions() {
        int[] unitRegion = new int[parts.size()];
        for (int u = 0; u < unitRegion.length; u++) {
            unitRegion[u] = parts.get(u).regionId();
        }
        return unitRegion;
    }

    public List<PlacedPart> parts() {
        return parts;
    }

    public PlacedPart part(int index) {
        return parts.get(index);
    }

    public int layerPart(int layer) {
        return layerPart[layer];
    }

    /** The routed expert regions of a layer, indexed by expert copy: the experts in order, then the hot replicas. */
    public int[] expertParts(int layer) {
        return expertParts[layer];
    }

    /** The copies of a layer's routed experts (null for a dense layer). */
    public ExpertLayout expertLayout(int layer) {
        return expertLayouts[layer];
    }

    public int[] sharedExpertParts(int layer) {
        return sharedParts[layer];
    }

    public int embeddingPart() {
        return embeddingPart;
    }

    public int lmHeadPart() {
        return lmHeadPart;
    }

    /** The draft head's copy of the embedding, or -1 when the pipeline has no draft head. */
    public int draftEmbeddingPart() {
        return draftEmbeddingPart;
    }

    /** The draft head's layer regions in order (empty when there is none). */
    public int[] draftLayerParts() {
        return draftLayerParts.clone();
    }

    /** The draft head's layers, as {@link #draftLayerParts()} holds them. */
    public List<LayerSpec> draftHead() {
        return draftHead;
    }

    public WaferDescription spec() {
        return spec;
    }

    public ModelSpec model() {
        return model;
    }

    /** KV-cache tokens the pipeline holds: the smallest budget of any layer region. */
    public long kvCapacityTokens() {
        return kvCapacityTokens;
    }

    private static long kvCapacityTokens(List<PlacedPart> parts) {
        long min = Long.MAX_VALUE;
        for (PlacedPart p : parts) {
            if (holdsKv(p.part())) {
                min = Math.min(min, p.kvTokens());
            }
        }
        return min == Long.MAX_VALUE ? Long.MAX_VALUE / 4 : min;
    }

    /** A layer region of the target or of the draft head, which caches every sequence's KV. */
    private static boolean holdsKv(ModelPart p) {
        return (p.kind() == PartKind.LAYER || p.kind() == PartKind.DRAFT_LAYER) && p.kvBytesPerToken() > 0;
    }

    /** Human-readable lines: per wafer its layers, cores, SRAM fill and KV budget; the wafer count and why. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        long weights = 0;
        for (PlacedPart p : parts) {
            weights += p.part().weightBytes();
        }
        long usable = (long) wafers.get(0).usableBytesPerCore() * spec.cores();
        int minLayers = Integer.MAX_VALUE;
        int maxLayers = 0;
        for (int w = 0; w < wafers.size(); w++) {
            int n = 0;
            for (PlacedPart p : parts) {
                n += p.wafer() == w && p.part().kind() == PartKind.LAYER ? 1 : 0;
            }
            minLayers = Math.min(minLayers, n);
            maxLayers = Math.max(maxLayers, n);
        }
        double layerGb = 0;
        for (PlacedPart p : parts) {
            if (p.part().layer() >= 0) {
                layerGb += p.part().weightBytes() / 1e9;
            }
        }
        layerGb /= Math.max(1, model.layerCount());
        out.add(String.format(Locale.ROOT,
                "pipeline: %d %s wafer(s) for %s: %.2f GB of weights + KV for %,d tokens against %.2f GB usable"
                        + " SRAM per wafer (%d B/core reserved) -> at least %d by capacity; a wafer holds whole layers"
                        + " (%.2f GB each with its experts), %s per wafer here once regions are packed",
                wafers.size(), spec.name(), model.name(), weights / 1e9, minKvTokens, usable / 1e9,
                spec.sramBytesPerCore() - wafers.get(0).usableBytesPerCore(), minimumWafersByCapacity, layerGb,
                minLayers == maxLayers ? String.valueOf(minLayers) : minLayers + "-" + maxLayers));
        int replicas = 0;
        for (ExpertLayout l : expertLayouts) {
            replicas += l == null ? 0 : l.replicas();
        }
        if (replicas > 0) {
            out.add(String.format(Locale.ROOT, "hot experts: %,d replica regions in all (%d per MoE layer), each packed after"
                    + " its layer's experts, taking half its expert's tokens", replicas, replicas / model.moeLayerCount()));
        }
        for (int w = 0; w < wafers.size(); w++) {
            WaferFloorplan wafer = wafers.get(w);
            int firstLayer = Integer.MAX_VALUE;
            int lastLayer = -1;
            int regions = 0;
            long kv = Long.MAX_VALUE;
            List<String> extra = new ArrayList<>();
            for (PlacedPart p : parts) {
                if (p.wafer() != w) {
                    continue;
                }
                regions++;
                ModelPart mp = p.part();
                if (mp.layer() >= 0) {
                    firstLayer = Math.min(firstLayer, mp.layer());
                    lastLayer = Math.max(lastLayer, mp.layer());
                }
                if (holdsKv(mp)) {
                    kv = Math.min(kv, p.kvTokens());
                }
                if (mp.kind() == PartKind.EMBEDDING || mp.kind() == PartKind.LM_HEAD) {
                    extra.add(mp.label());
                } else if (mp.kind() == PartKind.DRAFT_EMBEDDING) {
                    extra.add("draft head (" + draftHead.size() + " layer" + (draftHead.size() == 1 ? "" : "s")
                            + " and an embedding copy)");
                }
            }
            out.add(String.format(Locale.ROOT,
                    "wafer %d: layers %s%s, %d regions, %,d of %,d cores used (%.1f%%), SRAM fill %.1f%%, KV budget %,d tokens",
                    w, lastLayer < 0 ? "none" : firstLayer + "-" + lastLayer,
                    extra.isEmpty() ? "" : " + " + String.join(" + ", extra), regions, wafer.coresUsed(),
                    spec.cores(), 100.0 * wafer.coresUsed() / spec.cores(),
                    100.0 * wafer.sramBytesUsed() / spec.sramBytes(), kv == Long.MAX_VALUE ? 0 : kv));
        }
        return out;
    }
}
