package org.fabricsim.fabric.api;

import java.util.List;
import java.util.Map;
import org.fabricsim.core.timeline.Timeline;

/**
 * The one way in from a workload to hardware it names: the catalog's wafers and GPUs by name, the calibration
 * sets by kind and name, the fidelity levels and the other named choices of a system, and the fabrics built
 * from them. A name that is not known is refused with an {@link IllegalArgumentException} that lists the known
 * ones. Nothing here says how a fabric is implemented; {@link #builtIn()} finds the implementation the fabric
 * module ships.
 */
public interface Hardware {
    /** Kind of the GPU calibration sets. */
    String GPU_CALIBRATION = "gpu";
    /** Kind of the wafer kernel modes. */
    String WAFER_KERNELS = "wafer_kernels";
    /** Kind of the GPU serving software stacks (TensorRT-LLM, SGLang, vLLM, ...). */
    String GPU_STACK = "gpu_stack";

    /** The hardware of the built-in catalogs (found once, through {@link java.util.ServiceLoader}). */
    static Hardware builtIn() {
        return HardwareProvider.BUILT_IN;
    }

    // ---- hardware by name (hardware.yaml)

    /** Names of a catalog section ("wafers", "gpus"), in file order. */
    List<String> names(String section);

    /** The catalog wafer of this name. */
    WaferDescription wafer(String name);

    /** A wafer from its figures, checked as the catalog's are (each must be positive, the hop latency >= 0). */
    WaferDescription wafer(String name, int rows, int cols, int sramBytesPerCore, int sramReadBytesPerCycle,
            int sramWriteBytesPerCycle, int flopsPerCycle16, int flopsPerCycle32, double clockHz, int linkBytesPerCycle,
            double hopCycles, int ioPorts, double ioPortBandwidthBytesPerS);

    /** The catalog GPU of this name. */
    GpuDescription gpu(String name);

    /** A GPU from its figures, checked as the catalog's are. */
    GpuDescription gpu(String name, long hbmBytes, double hbmBandwidthBytesPerS, double peakFlopsBf16,
            double peakFlopsFp8, double peakFlopsFp4, double nvlinkBytesPerSPerDirection, int smCount, double clockHz,
            double launchLatencyS, double hbmLatencyS, long l2Bytes, double l2BandwidthBytesPerS);

    /** The power of the catalog wafer system of this name. */
    Power waferPower(String name);

    /** The power of the catalog GPU of this name. */
    Power gpuPower(String name);

    /** The hourly rental price of one catalog GPU or wafer system ({@code section} "gpus" or "wafers"), or null. */
    Double usdPerHour(String section, String name);

    /** Bandwidth of the catalog's inter-wafer link of this name, bytes/s. */
    double interWaferLinkBandwidthBytesPerS(String link);

    /** The catalog line rate per port and direction of a link between systems (ndr | xdr | ethernet_100g | ...), bytes/s. */
    double systemLinkPortBytesPerS(String kind);

    /** The catalog latency of a link between systems of this kind, seconds. */
    double systemLinkLatencyS(String kind);

    /** The catalog line rate of a NIC generation (ndr | xdr) per port and direction, bytes/s. */
    double nicBytesPerS(String nic);

    /** Router latency per hop of a wafer whose system names none, cycles. */
    double defaultHopCycles();

    /** Latency of an inter-wafer link whose system names none, seconds. */
    double defaultInterWaferLatencyS();

    // ---- calibration sets by kind and name (calibration.yaml)

    /** Every value of set {@code base} of {@code kind} with {@code changes} applied; unknown bases and keys are refused. */
    Map<String, Double> calibration(String kind, String base, Map<String, Double> changes);

    /** The one-line description of a calibration set. */
    String calibrationDescription(String kind, String name);

    /** Refuses a reduction scheme name the wafer model does not know. */
    void checkReduction(String reduction);

    /** Refuses wafer kernel values the wafer model cannot run with (with this reduction scheme). */
    void checkWaferKernels(Map<String, Double> kernels, String reduction);

    /** SRAM per core a wafer kernel set keeps for code, task table and buffers. */
    int reservedSramBytesPerCore(Map<String, Double> kernels);

    /** What a workload reads of a GPU calibration set's values; refuses values the GPU model cannot run with. */
    GpuSoftwareStack gpuSoftware(Map<String, Double> calibration);

    // ---- the other named choices of a system

    /**
     * The registered name of a wafer fidelity level ({@code null}: the default level), refusing a wafer the level
     * cannot run.
     */
    String waferFidelity(String name, WaferDescription wafer);

    /** Refuses a GPU cluster topology name the cluster does not know. */
    void checkTopology(String topology);

    /** Refuses an all-reduce algorithm name the GPU fabric does not know. */
    void checkAllReduce(String allReduce);

    // ---- fabrics

    /** An empty floorplan of a wafer whose cores each keep {@code reservedBytesPerCore} of their SRAM. */
    WaferFloorplan floorplan(WaferDescription wafer, int reservedBytesPerCore);

    /** The wafers of one system at the fidelity of this name, on {@code timeline}. */
    WaferSystem waferSystem(Timeline timeline, String fidelity, WaferPipelineCosts costs);

    /** What operations on a pipeline of these wafers cost on idle hardware (units as in {@link WaferSystem#pipeline}). */
    IdleWaferCost idleWaferCost(WaferPipelineCosts costs, List<? extends WaferFloorplan> wafers, int[] unitWafer,
            int[] unitRegion);

    /**
     * A GPU cluster running {@code replicas} replicas of {@code replicaGpus} consecutive GPUs each, with a GPU
     * calibration set's values, the software stack's kernels and the all-reduce
     * algorithm of this name.
     */
    default GpuSystem gpuSystem(GpuClusterShape cluster, Map<String, Double> calibration, GpuStack stack,
            String allReduce, Timeline timeline, int replicaGpus, int replicas) {
        return gpuSystem(cluster, calibration, stack, allReduce, timeline, replicaGpus, replicas, null);
    }

    /**
     * As above, built beside system {@code beside} of the same timeline (null: on its own): on one network with it,
     * so that a link from this system to {@code beside} ({@link SystemIngress#ingressLink(double, double,
     * SystemIngress)}) crosses this system's ports as well as {@code beside}'s, sharing both with their traffic.
     */
    GpuSystem gpuSystem(GpuClusterShape cluster, Map<String, Double> calibration, GpuStack stack, String allReduce,
            Timeline timeline, int replicaGpus, int replicas, SystemIngress beside);
}
