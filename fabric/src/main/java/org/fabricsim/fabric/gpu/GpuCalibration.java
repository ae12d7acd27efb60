package org.fabricsim.fabric.gpu;

import org.fabricsim.fabric.api.GpuSoftwareStack;
import org.fabricsim.fabric.catalog.CalibrationCatalog;

/**
 * The few global efficiency and overhead constants of the GPU kind. The values are named sets of the calibration
 * catalog (fabric/src/main/resources/org/fabricsim/fabric/catalog/calibration.yaml, {@code gpu.default} unless a
 * scenario picks or derives another); each field's source is given below, in that file and in docs/calibration.md.
 *
 * @param hbmBandwidthEfficiency     achievable fraction of peak HBM bandwidth in streaming kernels (GEMV,
 *                                   attention over the KV cache). Fitted to the Llama 3.1 8B H100 graphed decode
 *                                   step of 5.1 ms (cloudai.pt, benchmarks.md) with {@code kernelGapGraphedS}
 *                                   below: 15.0 GB of weights read in 5.1 ms minus 292 kernel gaps
 * @param flopEfficiency             achievable fraction of dense tensor-core peak in large GEMMs and attention.
 *                                   [E] 0.70, the fraction cuBLAS reaches on large H100 GEMMs; no figure in the
 *                                   reference set pins it, and it is NOT fitted to the MLPerf targets
 * @param kernelGapGraphedS          per-kernel launch gap inside a CUDA graph. [E] 1 us (the reference set only
 *                                   says the 3-5 us eager figure is folklore)
 * @param kernelLaunchEagerS         per-kernel launch plus framework overhead without CUDA graphs: the 8.4 ms eager
 *                                   vs 5.1 ms graphed Llama 3.1 8B step (cloudai.pt) differ by 3.3 ms over 292
 *                                   kernels, i.e. 11.3 us more than the graphed gap
 * @param elementwiseKernelsPerLayer small kernels per transformer layer besides GEMMs and attention: input
 *                                   RMSNorm, rotary embedding, post-attention RMSNorm, SiLU-and-mul (vLLM's Llama
 *                                   forward); they cost their launch overhead
 * @param nvlinkProtocolEfficiency   fraction of NVLink line rate NCCL moves as payload: 370 of 450 GB/s
 *                                   (NCCL maintainer, github NVIDIA/nccl-tests #212, "~20% protocol overhead")
 * @param nvlsAlgBandwidthFraction   NVLink SHARP all-reduce algorithm bandwidth as a fraction of the per-direction
 *                                   NVLink line rate: algbw ~275 GB/s (busbw ~480 GB/s) on 8 H100 (nccl-tests #212),
 *                                   275 / 450; models the NVSwitch reduction engines' throughput
 * @param infinibandEfficiency       fraction of the NIC line rate reached: a ConnectX-7 gives about 50 GB/s usable
 *                                   of 50 GB/s (DeepEP, hardware.md), so 1.0
 * @param nvlinkHopLatencyS          GPU to NVSwitch (or back) link latency. [E] 0.35 us
 * @param nicLatencyS                NIC traversal latency at each end of an InfiniBand path. [E] 0.6 us
 * @param switchHopLatencyS          InfiniBand switch port-to-port latency: 330 ns (Quantum-2, yobitel; the
 *                                   higher of the two quoted figures [D])
 * @param collectiveStepOverheadS    per-step synchronisation cost of a collective (flag polling, chunk bookkeeping).
 *                                   Fitted to NCCL's ~6 us small all-reduce on H100 with NVLS (github NVIDIA/nccl
 *                                   #1259): 6 us = 1 us launch + 2 steps x 1.77 us + 2 x 0.7 us (up and down through
 *                                   the NVSwitch, once per step) + 16 KB at 270 GB/s
 * @param expertAllToAllOverheadS    fixed cost of one expert-parallel dispatch or combine (DeepEP low-latency kernels:
 *                                   per-expert packing, the receivers' wait on every rank's token counts). Fitted to
 *                                   the DeepEP table (benchmarks.md): measured minus this model's bytes-and-hops time
 *                                   is 35-37 us for dispatch and 43-52 us for combine at EP16-64; their mean is 41 us
 * @param workspaceFractionOfHbm     HBM kept out of the weights and KV-cache budget for activations, CUDA context and
 *                                   NCCL buffers: 0.10, vLLM's default gpu_memory_utilization of 0.9
 * @param gemmKernelFloorS           the least time a weight-streaming GEMM or grouped-GEMM kernel takes, however few
 *                                   bytes it reads. At decode batch sizes these kernels are latency-bound (TensorRT-LLM:
 *                                   the small dense GEMMs "dominate the execution time, suffer from low memory
 *                                   efficiency"), and serving stacks run small kernels this model does not list (top-k,
 *                                   quantize, permute) between them. Attention kernels split the KV sequence over every
 *                                   SM and are left without it. Fitted: 12 us puts DeepSeek-R1 on 8 x B200 in
 *                                   TensorRT-LLM's min-latency configuration (no MTP) at the published 111 tok/s per
 *                                   user (TensorRT-LLM tech blog 1); the Llama 3.1 8B H100 graphed step, whose GEMMs are
 *                                   above the floor, stays within 1% of its 5.1 ms (docs/calibration.md)
 */
public record GpuCalibration(double hbmBandwidthEfficiency, double flopEfficiency, double kernelGapGraphedS,
        double kernelLaunchEagerS, int elementwiseKernelsPerLayer, double nvlinkProtocolEfficiency,
        double nvlsAlgBandwidthFraction, double infinibandEfficiency, double nvlinkHopLatencyS, double nicLatencyS,
        double switchHopLatencyS, double collectiveStepOverheadS, double expertAllToAllOverheadS,
        double workspaceFractionOfHbm, double gemmKernelFloorS) implements GpuSoftwareStack {

    /** The calibration catalog's {@code gpu.default} set, what a GPU scenario uses unless it names another. */
    public static final GpuCalibration DEFAULT = of(
            CalibrationCatalog.builtIn().set(CalibrationCatalog.GPU, "default").values());

    public GpuCalibration {
        fraction("hbmBandwidthEfficiency", hbmBandwidthEfficiency);
        fraction("flopEfficiency", flopEfficiency);
        nonNegative("kernelGapGraphedS", kernelGapGraphedS);
        nonNegative("kernelLaunchEagerS", kernelLaunchEagerS);
        if (elementwiseKernelsPerLayer < 0) {
            throw new IllegalArgumentException("elementwiseKernelsPerLayer: must be >= 0, got " + elementwiseKernelsPerLayer);
        }
        fraction("nvlinkProtocolEfficiency", nvlinkProtocolEfficiency);
        fraction("nvlsAlgBandwidthFraction", nvlsAlgBandwidthFraction);
        fraction("infinibandEfficiency", infinibandEfficiency);
        nonNegative("nvlinkHopLatencyS", nvlinkHopLatencyS);
        nonNegative("nicLatencyS", nicLatencyS);
        nonNegative("switchHopLatencyS", switchHopLatencyS);
        nonNegative("collectiveStepOverheadS", collectiveStepOverheadS);
        nonNegative("expertAllToAllOverheadS", expertAllToAllOverheadS);
        nonNegative("gemmKernelFloorS", gemmKernelFloorS);
        if (!(workspaceFractionOfHbm >= 0 && workspaceFractionOfHbm < 1)) {
            throw new IllegalArgumentException("workspaceFractionOfHbm: must be in [0, 1), got " + workspaceFractionOfHbm);
        }
    }

    /** Per-kernel overhead with or without CUDA graphs. */
    public double launchOverheadS(boolean cudaGraphs) {
        return cudaGraphs ? kernelGapGraphedS : kernelLaunchEagerS;
    }

    private static void fraction(String field, double v) {
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException(field + ": must be in (0, 1], got " + v);
        }
    }

    private static void nonNegative(String field, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(field + ": must be >= 0 and finite, got " + v);
        }
    }

    /** The calibration of a set's values (calibration.yaml's field names), validated by the record. */
    public static GpuCalibration of(java.util.Map<String, Double> v) {
        double kernels = v.get("elementwise_kernels_per_layer");
        if (kernels != Math.rint(kernels) || kernels < 0 || kernels > 1000) {
            throw new IllegalArgumentException("elementwise_kernels_per_layer: must be a whole number in 0..1000, got "
                    + kernels);
        }
        return new GpuCalibration(v.get("hbm_bandwidth_efficiency"), v.get("flop_efficiency"),
                v.get("kernel_gap_graphed_s"), v.get("kernel_launch_eager_s"), (int) kernels,
                v.get("nvlink_protocol_efficiency"), v.get("nvls_alg_bandwidth_fraction"), v.get("infiniband_efficiency"),
                v.get("nvlink_hop_latency_s"), v.get("nic_latency_s"), v.get("switch_hop_latency_s"),
                v.get("collective_step_overhead_s"), v.get("expert_all_to_all_overhead_s"),
                v.get("workspace_fraction_of_hbm"), v.get("gemm_kernel_floor_s"));
    }
}
