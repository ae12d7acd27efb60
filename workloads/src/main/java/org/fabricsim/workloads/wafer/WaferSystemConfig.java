package org.fabricsim.workloads.wafer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fabricsim.core.random.RandomStreams;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.api.Fabric;
import org.fabricsim.fabric.api.Hardware;
import org.fabricsim.fabric.api.WaferDescription;
import org.fabricsim.fabric.api.WaferPipelineCosts;
import org.fabricsim.fabric.api.WaferSystem;
import org.fabricsim.workloads.model.DraftHead;
import org.fabricsim.workloads.model.ModelRef;
import org.fabricsim.workloads.model.ModelSpec;
import org.fabricsim.workloads.moe.ExpertLayout;
import org.fabricsim.workloads.moe.ExpertPopularity;
import org.fabricsim.workloads.serving.Bounds;
import org.fabricsim.workloads.serving.CalibrationChoice;
import org.fabricsim.workloads.serving.Deployment;
import org.fabricsim.workloads.serving.PlacementCache;
import org.fabricsim.workloads.serving.PowerDraw;
import org.fabricsim.workloads.serving.ServingPolicy;
import org.fabricsim.workloads.serving.StepEngine;
import org.fabricsim.workloads.serving.SystemConfig;

/**
 * A pipeline of wafer-scale engines ({@code kind: wafer}): the model placed layer by layer on regions of
 * cores of one or more WSE-2/WSE-3 wafers, a forward pass run as mesh operations on those regions.
 *
 * @param wafer                        a catalog wafer ("wse3", the default, or "wse2") or one derived or defined
 *                                     inline ({@link WaferHardware})
 * @param wafers                       "auto" (default: the fewest that fit) or a number
 * @param hopCycles                    router latency per hop, cycles (default {@link Hardware#defaultHopCycles})
 * @param reduction                    "two_level" (MeshGEMV, default) or "chain"
 * @param interWaferBandwidthBytesPerS default: the wafer's 12 x 100 GbE = 150 GB/s
 * @param interWaferLatencyS           default {@link Hardware#defaultInterWaferLatencyS}
 * @param minKvTokens                  KV-cache tokens every layer must hold (default 8192); sets how many wafers auto picks
 * @param maxStepsInFlight             steps in the pipeline at once (default: one per layer)
 * @param fabricRows                   override the usable grid rows (small wafers for experiments)
 * @param fabricCols                   override the usable grid columns
 * @param fidelity                     "flow" (default: transfers are flows contending for mesh links) or
 *                                     "analytic" (booked at idle-link cost, one event per step; docs/wafer-model.md)
 * @param kernels                      a kernel mode of the calibration catalog: "calibrated" (default) or
 *                                     "peak" (the hardware's ceiling with no software cost; a bound), or one derived
 *                                     from them
 * @param regionSizing                 "critical_path" (default) or "bytes": how a wafer with MoE layers shares its
 *                                     cores between regions ({@link RegionSizing})
 */
public record WaferSystemConfig(String name, ModelRef model, ServingPolicy serving, WaferHardware wafer, String wafers,
        Double hopCycles, String reduction, Double interWaferBandwidthBytesPerS, Double interWaferLatencyS,
        Long minKvTokens, Integer maxStepsInFlight, Integer fabricRows, Integer fabricCols, String fidelity,
        CalibrationChoice kernels, String regionSizing, String draftHead) implements SystemConfig {
    /** Drafting with the target's first draft_layers layers where the pipeline starts (the default). */
    public static final String DRAFT_FIRST_LAYERS = "first_layers";
    /** Drafting with a head of its own beside the lm_head on the last wafer, with a copy of the embedding. */
    public static final String DRAFT_BESIDE_LM_HEAD = "beside_lm_head";

    /** The wafer and kernel mode of a system that names none. */
    public static final String DEFAULT_WAFER = "wse3";
    public static final String DEFAULT_KERNELS = "calibrated";


    /** The inter-wafer link of the hardware catalog used when a scenario names no bandwidth: 12 x 100 GbE. */
    public static final String DEFAULT_INTER_WAFER_LINK = "ethernet_12x100g";

    public WaferSystemConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: required");
        }
        if (model == null) {
            throw new IllegalArgumentException("model: required");
        }
        serving = serving == null ? ServingPolicy.DEFAULT : serving;
        if (serving.expertPlacement().roundRobin()) {
            throw new IllegalArgumentException("serving.expert_placement.policy: round_robin deals experts over GPU"
                    + " ranks; a wafer gives every expert a region of its own, so only hot_replicas applies there, got '"
                    + serving.expertPlacement().policy() + "'");
        }
        wafer = wafer == null ? WaferHardware.named(DEFAULT_WAFER) : wafer;
        wafers = wafers == null ? "auto" : wafers.trim();
        if (!wafers.equals("auto")) {
            int n;
            try {
                n = Integer.parseInt(wafers);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("wafers: must be auto or a positive integer, got " + wafers);
            }
            if (n < 1) {
                throw new IllegalArgumentException("wafers: must be auto or a positive integer, got " + wafers);
            }
        }
        Hardware hardware = Hardware.builtIn();
        hopCycles = hopCycles == null ? hardware.defaultHopCycles() : hopCycles;
        // a router forwards a wavelet in at least part of a cycle; 1,000 cycles is far beyond any mesh
        Bounds.above("hop_cycles", hopCycles, 0, 0, 1000, "cycles");
        reduction = reduction == null ? "two_level" : reduction;
        hardware.checkReduction(reduction);
        interWaferBandwidthBytesPerS = interWaferBandwidthBytesPerS == null
                ? hardware.interWaferLinkBandwidthBytesPerS(DEFAULT_INTER_WAFER_LINK)
                : interWaferBandwidthBytesPerS;
        Bounds.within("inter_wafer_bandwidth_bytes_per_s", interWaferBandwidthBytesPerS, 0, 1e6,
                Bounds.MAX_BANDWIDTH_BYTES_PER_S, "bytes/s");
        interWaferLatencyS = interWaferLatencyS == null ? hardware.defaultInterWaferLatencyS() : interWaferLatencyS;
        Bounds.within("inter_wafer_latency_s", interWaferLatencyS, 0, 0, Bounds.MAX_LATENCY_S, "s");
        minKvTokens = minKvTokens == null ? 8192L : minKvTokens;
        Bounds.within("min_kv_tokens", minKvTokens, 0, 0, (long) Bounds.MAX_TOKENS * 1000, "tokens");
        if (maxStepsInFlight != null && (maxStepsInFlight < 1 || maxStepsInFlight > 1_000_000)) {
            throw new IllegalArgumentException("max_steps_in_flight: must be in 1..1000000, got " + maxStepsInFlight);
        }
        // a smaller grid for experiments, never a larger one than the wafer has (no 10^12-core wafers)
        WaferDescription spec = wafer.spec(hopCycles);
        if (fabricRows != null && (fabricRows < 1 || fabricRows > spec.rows())) {
            throw new IllegalArgumentException("fabric_rows: must be in 1.." + spec.rows() + " (the " + wafer.name()
                    + "'s usable fabric), got " + fabricRows);
        }
        if (fabricCols != null && (fabricCols < 1 || fabricCols > spec.cols())) {
            throw new IllegalArgumentException("fabric_cols: must be in 1.." + spec.cols() + " (the " + wafer.name()
                    + "'s usable fabric), got " + fabricCols);
        }
        fidelity = hardware.waferFidelity(fidelity, spec.withGrid(fabricRows == null ? spec.rows() : fabricRows,
                fabricCols == null ? spec.cols() : fabricCols));
        try {
            kernels = (kernels == null ? CalibrationChoice.named(DEFAULT_KERNELS) : kernels)
                    .resolved(Hardware.WAFER_KERNELS);
            hardware.checkWaferKernels(kernels.values(), reduction);
            if (hardware.reservedSramBytesPerCore(kernels.values()) >= wafer.sramBytesPerCore()) {
                throw new IllegalArgumentException("reserved_sram_bytes_per_core: must leave SRAM for weights, below the "
                        + wafer.sramBytesPerCore() + " bytes of a core, got "
                        + hardware.reservedSramBytesPerCore(kernels.values()));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kernels: " + e.getMessage(), e);
        }
        regionSizing = RegionSizing.parse(regionSizing == null ? RegionSizing.CRITICAL_PATH.key() : regionSizing).key();
        if (wafers != null && !wafers.equals("auto") && Integer.parseInt(wafers) > MAX_WAFERS) {
            throw new IllegalArgumentException("wafers: at most " + MAX_WAFERS + " in one pipeline, got " + wafers);
        }
        draftHead = draftHead == null ? DRAFT_FIRST_LAYERS : draftHead;
        if (!draftHead.equals(DRAFT_FIRST_LAYERS) && !draftHead.equals(DRAFT_BESIDE_LM_HEAD)) {
            throw new IllegalArgumentException("draft_head: must be " + DRAFT_FIRST_LAYERS + " or " + DRAFT_BESIDE_LM_HEAD
                    + ", got " + draftHead);
        }
    }

    /** A system with the default draft head. */
    public WaferSystemConfig(String name, ModelRef model, ServingPolicy serving, WaferHardware wafer, String wafers,
            Double hopCycles, String reduction, Double interWaferBandwidthBytesPerS, Double interWaferLatencyS,
            Long minKvTokens, Integer maxStepsInFlight, Integer fabricRows, Integer fabricCols, String fidelity,
            CalibrationChoice kernels, String regionSizing) {
        this(name, model, serving, wafer, wafers, hopCycles, reduction, interWaferBandwidthBytesPerS, interWaferLatencyS,
                minKvTokens, maxStepsInFlight, fabricRows, fabricCols, fidelity, kernels, regionSizing, null);
    }

    /** Most wafers one pipeline may have (a 1T-parameter model at 16 bit needs ~50 WSE-3). */
    public static final int MAX_WAFERS = 256;

    /** The wafer hardware with this config's overrides. */
    public WaferDescription waferSpec() {
        WaferDescription s = wafer.spec(hopCycles);
        if (fabricRows != null || fabricCols != null) {
            s = s.withGrid(fabricRows == null ? s.rows() : fabricRows, fabricCols == null ? s.cols() : fabricCols);
        }
        return s;
    }

    /** What sets the cost of operations on this system's pipelines besides the wafers. */
    public WaferPipelineCosts costs() {
        return new WaferPipelineCosts(kernels.values(), reduction, interWaferBandwidthBytesPerS, interWaferLatencyS);
    }

    /**
     * Places a model on this config's wafers (the draft model, if any, gets wafers of its own), or finds the
     * placement among those the runner built before.
     */
    public WaferPlacement place(ModelSpec m, boolean draft, PlacementCache placements) {
        int n = draft || wafers.equals("auto") ? 0 : Integer.parseInt(wafers);
        // hot replicas are the target's; a draft model's experts get one region each
        int replicas = draft ? 0 : serving.expertPlacement().hotReplicas();
        ExpertPopularity hotBy = replicas == 0 ? null : serving.expertPopularity();
        // a decode step carries the batch, each sequence with its draft tokens to verify
        int stepTokens = serving.batchLimit() * (1 + (serving.speculative() == null ? 0 : serving.speculative().draftTokens()));
        // a draft head of its own sits beside the lm_head
        ServingPolicy.Speculative spec = serving.speculative();
        int headLayers = !draft && spec != null && spec.draftModel() == null && draftHead.equals(DRAFT_BESIDE_LM_HEAD)
                ? spec.draftLayers() : 0;
        PlacementKey key = new PlacementKey(m, waferSpec(), n, draft ? 0 : minKvTokens, serving.batchLimit(), hotBy,
                replicas, RegionSizing.parse(regionSizing), draft ? serving.batchLimit() : stepTokens, headLayers);
        return placements.get(key, () -> {
            java.util.Map<Integer, ExpertLayout> layouts = new java.util.HashMap<>();
            return WaferPlacement.place(m, waferSpec(), n, Hardware.builtIn().reservedSramBytesPerCore(kernels.values()),
                    key.minKvTokens(), key.bufferTokens(), experts -> layouts.computeIfAbsent(experts,
                            e -> hotBy == null ? ExpertLayout.single(e) : ExpertLayout.of(hotBy.weights(e, null), replicas)),
                    key.sizing(), key.stepTokens(), headLayers == 0 ? List.of() : DraftHead.layers(m, headLayers));
        });
    }

    /** What a placement is a function of. */
    private record PlacementKey(ModelSpec model, WaferDescription spec, int wafers, long minKvTokens, int bufferTokens,
            ExpertPopularity popularity, int hotReplicas, RegionSizing sizing, int stepTokens, int draftHeadLayers)
            implements PlacementCache.Key<WaferPlacement> {
    }

    @Override
    public WaferSystemConfig withServing(ServingPolicy serving) {
        return new WaferSystemConfig(name, model, serving, wafer, wafers, hopCycles, reduction,
                interWaferBandwidthBytesPerS, interWaferLatencyS, minKvTokens, maxStepsInFlight, fabricRows, fabricCols,
                fidelity, kernels, regionSizing, draftHead);
    }

    @Override
    public WaferSystemConfig withModel(ModelRef model) {
        return new WaferSystemConfig(name, model, serving, wafer, wafers, hopCycles, reduction,
                interWaferBandwidthBytesPerS, interWaferLatencyS, minKvTokens, maxStepsInFlight, fabricRows, fabricCols,
                fidelity, kernels, regionSizing, draftHead);
    }

    @Override
    public int chips(ModelSpec target, ModelSpec draft) {
        return chips(target, draft, PlacementCache.none());
    }

    @Override
    public int chips(ModelSpec target, ModelSpec draft, PlacementCache placements) {
        return place(target, false, placements).wafers().size()
                + (draft == null ? 0 : place(draft, true, placements).wafers().size());
    }

    @Override
    public Double usdPerHour(ModelSpec target, ModelSpec draft) {
        return usdPerHour(target, draft, PlacementCache.none());
    }

    @Override
    public Double usdPerHour(ModelSpec target, ModelSpec draft, PlacementCache placements) {
        return wafer.usdPerHour() == null ? null : wafer.usdPerHour() * chips(target, draft, placements);
    }

    @Override
    public Deployment deploy(ModelSpec target, ModelSpec draft, Timeline timeline, RandomStreams random) {
        return deploy(target, draft, timeline, random, PlacementCache.none());
    }

    @Override
    public Deployment deploy(ModelSpec target, ModelSpec draft, Timeline timeline, RandomStreams random,
            PlacementCache placements) {
        WaferSystem wafers = Hardware.builtIn().waferSystem(timeline, fidelity, costs());
        WaferPipelineEngine draftEngine = null;
        if (draft != null) {
            draftEngine = engine(place(draft, true, placements), wafers, random, "draft", null, 0);
        }
        int draftLayers = 0;
        if (draft == null && serving.speculative() != null && draftHead.equals(DRAFT_FIRST_LAYERS)) {
            draftLayers = serving.speculative().draftLayers();
        }
        // every wafer draws its idle power, and the rest of its busy power for the share of its cores computing; the
        // servers that feed it draw theirs all the time
        return Deployment.of(List.<StepEngine>of(
                engine(place(target, false, placements), wafers, random, "target", draftEngine, draftLayers)),
                wafers::linkUsage,
                () -> List.of(new PowerDraw("wafer", wafers.wafers(), wafer.busyWatts(), wafer.idleWatts(),
                        wafers.busyWaferSeconds()),
                        new PowerDraw("host", wafers.wafers(), wafer.hostWatts(), wafer.hostWatts(), 0)), wafers);
    }

    private WaferPipelineEngine engine(WaferPlacement p, WaferSystem wafers, RandomStreams random, String role,
            WaferPipelineEngine draftEngine, int draftLayers) {
        int inFlight = maxStepsInFlight != null ? maxStepsInFlight : Math.max(1, p.model().layerCount());
        return new WaferPipelineEngine(p, pipeline(p, wafers), serving.expertPopularity(),
                random.stream("moe-routing-" + role), inFlight, draftEngine, draftLayers);
    }

    /** The fabric the placement's wafers form, its units the placement's parts. */
    Fabric pipeline(WaferPlacement p, WaferSystem wafers) {
        return p.pipeline(wafers);
    }

    @Override
    public List<String> describe(ModelSpec target, ModelSpec draft) {
        List<String> out = new ArrayList<>();
        WaferDescription s = waferSpec();
        out.add(String.format(Locale.ROOT,
                "%s: %d x %d cores (%,d), %d KB SRAM/core (%.1f GB), %.2f GHz, %d/%d B/cycle SRAM reads/writes, %d FLOP/cycle"
                        + " at 16 bit, %.1f cycles/hop, reduction %s, inter-wafer %.0f GB/s + %.1f us, kernels %s",
                s.name(), s.rows(), s.cols(), s.cores(), s.sramBytesPerCore() / 1024, s.sramBytes() / 1e9,
                s.clockHz() / 1e9, s.sramReadBytesPerCycle(), s.sramWriteBytesPerCycle(), s.flopsPerCycle16(), s.hopCycles(), reduction,
                interWaferBandwidthBytesPerS / 1e9, interWaferLatencyS * 1e6,
                kernels.base() + (kernels.derived(Hardware.WAFER_KERNELS) ? " (derived)" : "") + " ("
                        + Hardware.builtIn().calibrationDescription(Hardware.WAFER_KERNELS, kernels.base())
                        + ")"));
        Runtime rt = Runtime.getRuntime();
        rt.gc();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        long t0 = System.nanoTime();
        // a fresh cache: what a build costs is measured, not a lookup
        PlacementCache placements = new PlacementCache(2);
        WaferPlacement p = place(target, false, placements);
        double buildS = (System.nanoTime() - t0) / 1e9;
        long heapAfter = rt.totalMemory() - rt.freeMemory();
        out.addAll(p.describe());
        out.add("batch-1 decode at 128 tokens of context on an idle pipeline: " + CriticalPath.decode(p,
                p.idleCost(costs()), 128));
        out.add(String.format(Locale.ROOT, "built %d wafer(s) and placed every region in %.2f s, %.0f MB of heap",
                p.wafers().size(), buildS, Math.max(0, heapAfter - heapBefore) / 1e6));
        if (draft != null) {
            WaferPlacement d = place(draft, true, placements);
            out.add("draft " + draft.name() + " on wafers of its own:");
            out.addAll(d.describe());
        }
        return out;
    }
}
