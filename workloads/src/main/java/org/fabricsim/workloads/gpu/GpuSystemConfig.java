package org.fabricsim.workloads.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fabricsim.core.random.RandomStreams;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.api.GpuClusterShape;
import org.fabricsim.fabric.api.GpuSoftwareStack;
import org.fabricsim.fabric.api.GpuStack;
import org.fabricsim.fabric.api.GpuSystem;
import org.fabricsim.fabric.api.Hardware;
import org.fabricsim.fabric.api.SystemIngress;
import org.fabricsim.workloads.model.ModelRef;
import org.fabricsim.workloads.model.ModelSpec;
import org.fabricsim.workloads.model.Precision;
import org.fabricsim.workloads.serving.CalibrationChoice;
import org.fabricsim.workloads.serving.Deployment;
import org.fabricsim.workloads.serving.PlacementCache;
import org.fabricsim.workloads.serving.PowerDraw;
import org.fabricsim.workloads.serving.ServingPolicy;
import org.fabricsim.workloads.serving.StepEngine;
import org.fabricsim.workloads.serving.SystemConfig;

/**
 * A GPU deployment (system kind {@code gpu}): GPU type, cluster shape and the model's parallelism. Optional
 * keys default as documented on each component (docs/gpu-model.md).
 *
 * @param gpu              a catalog GPU (h100 | h200 | b200, default h100) or one derived or defined inline
 *                         ({@link GpuHardware})
 * @param nodes            nodes of {@code gpus_per_node} GPUs (default: just enough for the parallelism)
 * @param gpusPerNode      GPUs per NVSwitch node (default 8)
 * @param tensorParallel   attention / dense FFN tensor-parallel degree (default 1)
 * @param expertParallel   GPUs the routed experts are spread over within a pipeline stage (default 1)
 * @param pipelineParallel pipeline stages (default 1)
 * @param dataParallel     replicas behind the one request queue (default 1)
 * @param weightPrecision  override of the linear layers' weight precision: bf16 | fp8 | int4 | mxfp4 | nvfp4 (default:
 *                         the catalog's)
 * @param kvPrecision      KV-cache precision bf16 | fp8 (default bf16)
 * @param nic              ndr | xdr (default ndr)
 * @param topology         rail_optimized | fat_tree (default rail_optimized)
 * @param cudaGraphs       decode with CUDA graphs (default: the stack's)
 * @param allReduce        auto | nvls | ring | tree (default auto: NVLS inside a node as NCCL does on NVSwitch)
 * @param moeCommunication how routed-expert outputs reach their tokens: all_to_all (default: DeepEP-style dispatch
 *                         and combine between expert ranks) | all_reduce (every GPU of the tensor-parallel group
 *                         already holds all tokens, runs its own experts on them, and the layer-end all-reduce sums
 *                         the partial outputs: TensorRT-LLM's min-latency "sparse experts as GEMMs" flow; needs
 *                         tensor_parallel >= expert_parallel)
 * @param calibration      the calibration catalog's GPU set (default: {@code default}) or one derived from it
 * @param nicBandwidth     line rate of a NIC and switch port per direction, bytes/s (default: the nic's catalog rate)
 * @param nicsPerLeaf      down ports of a leaf switch (default 32: half of a 64-port QM9700, the other half up)
 * @param spines           spine switches (default 4)
 * @param uplinkFraction   a leaf's uplink over downlink capacity (default 1, non-blocking; 0.5 halves the bisection)
 * @param stack            the serving software stack: a catalog set (ideal | trtllm | sglang | vllm, default ideal) or
 *                         one derived from it ({@code {base: vllm, step_overhead_s: 0.002}})
 */
public record GpuSystemConfig(String name, ModelRef model, ServingPolicy serving, GpuHardware gpu, Integer nodes,
        Integer gpusPerNode, Integer tensorParallel, Integer expertParallel, Integer pipelineParallel,
        Integer dataParallel, String weightPrecision, String kvPrecision, String nic, String topology,
        Boolean cudaGraphs, String allReduce, String moeCommunication, CalibrationChoice calibration,
        Double nicBandwidth, Integer nicsPerLeaf, Integer spines, Double uplinkFraction, CalibrationChoice stack)
        implements SystemConfig {
    /** The GPU, calibration set and software stack of a system that names none. */
    public static final String DEFAULT_GPU = "h100";
    public static final String DEFAULT_CALIBRATION = "default";
    public static final String DEFAULT_STACK = "ideal";

    /** Most GPUs one system may have (the largest published clusters hold ~100k). */
    public static final int MAX_GPUS = 131_072;


    /** The kind name in scenario files. */
    public static final String KIND = "gpu";

    public GpuSystemConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: must be non-blank, got " + name);
        }
        if (model == null) {
            throw new IllegalArgumentException("model: must be non-blank, got " + model);
        }
        serving = serving == null ? ServingPolicy.DEFAULT : serving;
        gpu = gpu == null ? GpuHardware.named(DEFAULT_GPU) : gpu;
        gpusPerNode = positive("gpus_per_node", gpusPerNode, 8);
        tensorParallel = positive("tensor_parallel", tensorParallel, 1);
        expertParallel = positive("expert_parallel", expertParallel, 1);
        pipelineParallel = positive("pipeline_parallel", pipelineParallel, 1);
        dataParallel = positive("data_parallel", dataParallel, 1);
        if (serving.expertPlacement().hotReplicas() > 0 && expertParallel < 2) {
            throw new IllegalArgumentException("serving.expert_placement.hot_replicas: a replica must sit on another GPU"
                    + " than its expert to take load off it, so it needs expert_parallel >= 2; got hot_replicas "
                    + serving.expertPlacement().hotReplicas() + " with expert_parallel " + expertParallel);
        }
        int stage = Math.max(tensorParallel, expertParallel);
        if (stage % tensorParallel != 0 || stage % expertParallel != 0) {
            throw new IllegalArgumentException("expert_parallel: must divide or be a multiple of tensor_parallel ("
                    + tensorParallel + "), got " + expertParallel);
        }
        long needed = (long) stage * pipelineParallel * dataParallel;
        if (needed > MAX_GPUS) {
            throw new IllegalArgumentException("data_parallel: tp " + tensorParallel + " x ep " + expertParallel + " x pp "
                    + pipelineParallel + " x dp " + dataParallel + " needs " + needed + " GPUs, more than the " + MAX_GPUS
                    + " one system may have");
        }
        int minNodes = (int) ((needed + gpusPerNode - 1) / gpusPerNode);
        nodes = positive("nodes", nodes, minNodes);
        if ((long) nodes * gpusPerNode > MAX_GPUS) {
            throw new IllegalArgumentException("nodes: " + nodes + " x " + gpusPerNode + " GPUs is more than the "
                    + MAX_GPUS + " one system may have");
        }
        if ((long) nodes * gpusPerNode < needed) {
            throw new IllegalArgumentException("nodes: " + nodes + " x " + gpusPerNode + " GPUs cannot hold "
                    + needed + " GPUs of parallelism (tp " + tensorParallel + ", ep " + expertParallel + ", pp "
                    + pipelineParallel + ", dp " + dataParallel + ")");
        }
        if (weightPrecision != null) {
            parsePrecision("weight_precision", weightPrecision);
        }
        kvPrecision = kvPrecision == null ? "bf16" : kvPrecision.toLowerCase(Locale.ROOT);
        if (!kvPrecision.equals("bf16") && !kvPrecision.equals("fp8")) {
            throw new IllegalArgumentException("kv_precision: must be bf16 or fp8, got " + kvPrecision);
        }
        nic = nic == null ? "ndr" : nic;
        nicBandwidth = nicBandwidth == null ? Hardware.builtIn().nicBytesPerS(nic) : nicBandwidth;
        // bounds: NDR is 50 GB/s and XDR 100 GB/s per port and direction (hardware.md)
        if (!(nicBandwidth >= 1e9 && nicBandwidth <= 1e13)) {
            throw new IllegalArgumentException("nic_bandwidth: must be within 1 GB/s..10 TB/s per port and direction, got "
                    + nicBandwidth);
        }
        nicsPerLeaf = positive("nics_per_leaf", nicsPerLeaf, 32);
        spines = positive("spines", spines, 4);
        uplinkFraction = uplinkFraction == null ? 1.0 : uplinkFraction;
        if (!(uplinkFraction > 0 && uplinkFraction <= 1)) {
            throw new IllegalArgumentException("uplink_fraction: must be in (0, 1] (1 is non-blocking), got " + uplinkFraction);
        }
        topology = topology == null ? "rail_optimized" : topology;
        Hardware.builtIn().checkTopology(topology);
        try {
            stack = (stack == null ? CalibrationChoice.named(DEFAULT_STACK) : stack).resolved(Hardware.GPU_STACK);
            cudaGraphs = cudaGraphs == null ? GpuStack.of(stack.values()).cudaGraphs() : cudaGraphs;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("stack: " + e.getMessage(), e);
        }
        allReduce = allReduce == null ? "auto" : allReduce;
        Hardware.builtIn().checkAllReduce(allReduce);
        moeCommunication = moeCommunication == null ? ALL_TO_ALL : moeCommunication.toLowerCase(Locale.ROOT);
        if (!moeCommunication.equals(ALL_TO_ALL) && !moeCommunication.equals(ALL_REDUCE)) {
            throw new IllegalArgumentException("moe_communication: must be all_to_all or all_reduce, got " + moeCommunication);
        }
        try {
            calibration = (calibration == null ? CalibrationChoice.named(DEFAULT_CALIBRATION) : calibration)
                    .resolved(Hardware.GPU_CALIBRATION);
            Hardware.builtIn().gpuSoftware(calibration.values());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("calibration: " + e.getMessage(), e);
        }
        if (moeCommunication.equals(ALL_REDUCE) && expertParallel > tensorParallel) {
            throw new IllegalArgumentException("moe_communication: all_reduce needs every expert rank to hold all of a"
                    + " step's tokens, so expert_parallel (" + expertParallel + ") must not exceed tensor_parallel ("
                    + tensorParallel + ")");
        }
    }

    /** A deployment on the default software stack. */
    public GpuSystemConfig(String name, ModelRef model, ServingPolicy serving, GpuHardware gpu, Integer nodes,
            Integer gpusPerNode, Integer tensorParallel, Integer expertParallel, Integer pipelineParallel,
            Integer dataParallel, String weightPrecision, String kvPrecision, String nic, String topology,
            Boolean cudaGraphs, String allReduce, String moeCommunication, CalibrationChoice calibration,
            Double nicBandwidth, Integer nicsPerLeaf, Integer spines, Double uplinkFraction) {
        this(name, model, serving, gpu, nodes, gpusPerNode, tensorParallel, expertParallel, pipelineParallel,
                dataParallel, weightPrecision, kvPrecision, nic, topology, cudaGraphs, allReduce, moeCommunication,
                calibration, nicBandwidth, nicsPerLeaf, spines, uplinkFraction, null);
    }

    private static final String ALL_TO_ALL = "all_to_all";
    private static final String ALL_REDUCE = "all_reduce";

    private static int positive(String field, Integer value, int dflt) {
        if (value == null) {
            return dflt;
        }
        if (value < 1 || value > MAX_GPUS) {
            throw new IllegalArgumentException(field + ": must be in 1.." + MAX_GPUS + ", got " + value);
        }
        return value;
    }

    static Precision parsePrecision(String field, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "bf16" -> Precision.BF16;
            case "fp16" -> Precision.FP16;
            case "fp8" -> Precision.FP8;
            case "int4" -> Precision.INT4;
            case "mxfp4" -> Precision.MXFP4;
            case "nvfp4" -> Precision.NVFP4;
            default -> throw new IllegalArgumentException(field + ": must be bf16, fp16, fp8, int4, mxfp4 or nvfp4, got "
                    + value);
        };
    }

    /** GPUs the parallelism occupies: the stage's tensor or expert ranks, times pipeline stages and replicas. */
    public int gpusUsed() {
        return Math.max(tensorParallel, expertParallel) * pipelineParallel * dataParallel;
    }

    @Override
    public int chips(ModelSpec model, ModelSpec draftModel) {
        return gpusUsed();
    }

    @Override
    public Double usdPerHour(ModelSpec model, ModelSpec draftModel) {
        return gpu.usdPerHour() == null ? null : gpu.usdPerHour() * gpusUsed();
    }

    /** What the placement and the kernels read of the calibration set this system runs with. */
    public GpuSoftwareStack gpuSoftware() {
        return Hardware.builtIn().gpuSoftware(calibration.values());
    }

    /** The software stack this system serves with, CUDA graphs as the scenario says. */
    public GpuStack softwareStack() {
        return GpuStack.of(stack.values()).withCudaGraphs(cudaGraphs);
    }

    /** The cluster this configuration builds. */
    public GpuClusterShape clusterShape() {
        return new GpuClusterShape(gpu.spec(), nodes, gpusPerNode, nic, nicBandwidth, topology, nicsPerLeaf, spines,
                uplinkFraction);
    }

    /** The placement of {@code model} (and a draft model, or null) on this configuration; refuses what does not fit. */
    public GpuPlacement placement(ModelSpec model, ModelSpec draftModel) {
        return new GpuPlacement(model, draftModel, gpu.spec(), gpuSoftware(), tensorParallel,
                expertParallel, pipelineParallel, dataParallel,
                weightPrecision == null ? null : parsePrecision("weight_precision", weightPrecision),
                kvPrecision.equals("fp8") ? 0.5 : 1.0, serving.expertPlacement(), serving.expertPopularity());
    }

    @Override
    public GpuSystemConfig withServing(ServingPolicy serving) {
        return new GpuSystemConfig(name, model, serving, gpu, nodes, gpusPerNode, tensorParallel, expertParallel, pipelineParallel,
                dataParallel, weightPrecision, kvPrecision, nic, topology, cudaGraphs, allReduce, moeCommunication,
                calibration, nicBandwidth, nicsPerLeaf, spines, uplinkFraction, stack);
    }

    @Override
    public GpuSystemConfig withModel(ModelRef model) {
        return new GpuSystemConfig(name, model, serving, gpu, nodes, gpusPerNode, tensorParallel, expertParallel, pipelineParallel,
                dataParallel, weightPrecision, kvPrecision, nic, topology, cudaGraphs, allReduce, moeCommunication,
                calibration, nicBandwidth, nicsPerLeaf, spines, uplinkFraction, stack);
    }

    @Override
    public Deployment deploy(ModelSpec model, ModelSpec draftModel, Timeline timeline, RandomStreams random) {
        return deploy(model, draftModel, timeline, random, PlacementCache.none(), null);
    }

    @Override
    public Deployment deploy(ModelSpec model, ModelSpec draftModel, Timeline timeline, RandomStreams random,
            PlacementCache placements, SystemIngress beside) {
        GpuPlacement placement = placement(model, draftModel);
        GpuStack software = softwareStack();
        GpuSystem fabric = Hardware.builtIn().gpuSystem(clusterShape(), calibration.values(), software, allReduce,
                timeline, placement.gpusPerReplica(), dataParallel, beside);
        List<StepEngine> engines = new ArrayList<>();
        for (int r = 0; r < dataParallel; r++) {
            engines.add(new GpuEngine(placement, r, fabric, serving.speculative(), serving.expertPopularity(),
                    random.stream("moe-routing-" + r), moeCommunication.equals(ALL_REDUCE), software.stepOverheadS()));
        }
        return Deployment.of(engines, fabric::linkUsage, () -> List.of(
                // the deployment's GPUs draw idle power, and busy power while their kernels stream HBM; it pays the
                // share of the nodes around them (CPUs, NVSwitches, NICs) its GPUs take, as a renter of part of a node does
                new PowerDraw("gpu", gpusUsed(), gpu.busyWatts(), gpu.idleWatts(), fabric.hbmBusyGpuSeconds()),
                new PowerDraw("node", (double) gpusUsed() / gpusPerNode, gpu.nodeWatts(), gpu.nodeWatts(), 0)), fabric);
    }

    @Override
    public List<String> describe(ModelSpec model, ModelSpec draftModel) {
        GpuPlacement placement = placement(model, draftModel);
        GpuClusterShape c = clusterShape();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%s: %d node(s) x %d %s (%.0f GB HBM at %.2f TB/s), NVLink %.0f GB/s per"
                + " direction, %s %s, stack %s, CUDA graphs %s, all-reduce %s, MoE %s", name, c.nodes(), c.gpusPerNode(),
                c.gpu().name(), c.gpu().hbmBytes() / 1e9, c.gpu().hbmBandwidthBytesPerS() / 1e12,
                c.gpu().nvlinkBytesPerSPerDirection() / 1e9, nic, topology,
                stack.base() + (stack.derived(Hardware.GPU_STACK) ? " (derived)" : ""), cudaGraphs ? "on" : "off", allReduce,
                moeCommunication));
        lines.addAll(placement.describe());
        lines.add(idleDecodeLine(model, draftModel));
        return lines;
    }

    /** Simulated seconds of one step of {@code newTokens} for one sequence (with {@code draftTokens} drafts) on an idle replica. */
    private double idleStepS(ModelSpec model, ModelSpec draftModel, int newTokens, int draftTokens) {
        Timeline timeline = new Timeline();
        Deployment d = deploy(model, draftModel, timeline, new RandomStreams(1));
        double[] end = {Double.NaN};
        d.replicas().get(0).submit(new org.fabricsim.workloads.serving.Step(
                List.of(new org.fabricsim.workloads.serving.Step.SequenceWork(0, newTokens, 128, false)), draftTokens),
                () -> end[0] = timeline.now());
        timeline.run();
        return end[0];
    }

    /** The single-stream decode speed of an idle replica, as the wafer's describe prints its critical path. */
    private String idleDecodeLine(ModelSpec model, ModelSpec draftModel) {
        double plain = idleStepS(model, draftModel, 1, 0);
        String line = String.format(Locale.ROOT, "batch-1 decode at 128 tokens of context on an idle replica: %.1f us/token"
                + " (%.0f tok/s) without speculation", plain * 1e6, 1 / plain);
        ServingPolicy.Speculative spec = serving.speculative();
        if (spec != null && spec.draftTokens() > 0) {
            double pass = idleStepS(model, draftModel, spec.draftTokens() + 1, spec.draftTokens());
            line += String.format(Locale.ROOT, "; with %d draft tokens, %.1f us per verify pass and its drafts, %.2f tokens"
                    + " per pass (%.0f tok/s)", spec.draftTokens(), pass * 1e6, spec.expectedTokensPerStep(),
                    spec.expectedTokensPerStep() / pass);
        }
        return line;
    }
}
