package org.fabricsim.workloads.gpu;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import org.fabricsim.fabric.api.GpuDescription;
import org.fabricsim.fabric.api.Hardware;
import org.fabricsim.fabric.api.Power;

/**
 * A scenario's GPU: a catalog name ({@code gpu: b200}), a catalog GPU with changed figures
 * ({@code gpu: {base: b200, hbm_bandwidth: 12TB/s}}), or a GPU nobody ships with every figure given. Each figure
 * not given is the base's, so the record always holds the full hardware it simulates and
 * {@code scenario.resolved.yaml} records it. The bounds are wide physical sanity limits (a few times beyond any
 * announced part), there to refuse typos such as a missing unit, not to judge a design.
 *
 * @param base            catalog GPU the figures not given come from (null: a GPU from scratch, every figure given)
 * @param name            label in describe and outputs (default: the base's name)
 * @param hbmBytes        HBM capacity per GPU, bytes
 * @param hbmBandwidth    HBM peak bandwidth per GPU, bytes/s
 * @param nvlinkBandwidth NVLink bandwidth per GPU, bytes/s, both directions together as data sheets state it
 *                        (H100 900 GB/s, B200 1.8 TB/s); each direction carries half
 * @param peakFlopsBf16   dense BF16 tensor-core peak, FLOP/s
 * @param peakFlopsFp8    dense FP8 tensor-core peak, FLOP/s
 * @param peakFlopsFp4    dense FP4 tensor-core peak, FLOP/s (0: no FP4 tensor cores, FP4 runs at the FP8 rate)
 * @param smCount         streaming multiprocessors. Given without the peaks, the base's peaks scale with it
 * @param clock           tensor-core clock, Hz. Given without the peaks, the base's peaks scale with it
 * @param launchLatencyS  gap between dependent kernels in a CUDA graph, s
 * @param hbmLatencyS     HBM load latency, s
 * @param l2Bytes         L2 capacity, bytes
 * @param l2Bandwidth     L2 hit bandwidth, bytes/s
 * @param busyWatts       a GPU's draw while its kernels run, W (the board power)
 * @param idleWatts       a GPU's draw while idle, W
 * @param nodeWatts       a node's draw besides its GPUs (CPUs, NVSwitches, NICs, fans), W, always on
 * @param usdPerHour      rental price of one GPU an hour, its share of the node included, US dollars (null: none
 *                        known; a scenario's {@code prices:} can still price the system)
 */
@JsonPropertyOrder({"base", "name", "hbm_bytes", "hbm_bandwidth", "nvlink_bandwidth", "peak_flops_bf16",
        "peak_flops_fp8", "peak_flops_fp4", "sm_count", "clock", "launch_latency_s", "hbm_latency_s", "l2_bytes",
        "l2_bandwidth", "busy_watts", "idle_watts", "node_watts", "usd_per_hour"})
public record GpuHardware(String base, String name, Long hbmBytes, Double hbmBandwidth, Double nvlinkBandwidth,
        Double peakFlopsBf16, Double peakFlopsFp8, Double peakFlopsFp4, Integer smCount, Double clock,
        Double launchLatencyS, Double hbmLatencyS, Long l2Bytes, Double l2Bandwidth, Double busyWatts, Double idleWatts,
        Double nodeWatts, Double usdPerHour) {

    /** The figures a GPU from scratch must give, by their scenario key. */
    private static final List<String> FIGURES = List.of("hbm_bytes", "hbm_bandwidth", "nvlink_bandwidth",
            "peak_flops_bf16", "peak_flops_fp8", "peak_flops_fp4", "sm_count", "clock", "launch_latency_s", "hbm_latency_s", "l2_bytes",
        "l2_bandwidth", "busy_watts", "idle_watts", "node_watts");

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public GpuHardware {
        GpuDescription from = null;
        if (base != null) {
            try {
                from = Hardware.builtIn().gpu(base);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("base: " + e.getMessage().replaceFirst("^[a-z]+: ", ""), e);
            }
        } else {
            List<String> missing = new ArrayList<>();
            Object[] given = {hbmBytes, hbmBandwidth, nvlinkBandwidth, peakFlopsBf16, peakFlopsFp8, peakFlopsFp4,
                    smCount, clock, launchLatencyS, hbmLatencyS, l2Bytes, l2Bandwidth, busyWatts, idleWatts, nodeWatts};
            for (int i = 0; i < given.length; i++) {
                if (given[i] == null) {
                    missing.add(FIGURES.get(i));
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("base: a GPU without a base (one of "
                        + String.join(", ", Hardware.builtIn().names("gpus")) + ") must give every figure; missing "
                        + String.join(", ", missing));
            }
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name: a GPU without a base needs a name");
            }
        }
        name = name != null ? name : from.name();
        if (name.isBlank()) {
            throw new IllegalArgumentException("name: must be non-blank");
        }
        hbmBytes = hbmBytes != null ? hbmBytes : from.hbmBytes();
        hbmBandwidth = hbmBandwidth != null ? hbmBandwidth : from.hbmBandwidthBytesPerS();
        nvlinkBandwidth = nvlinkBandwidth != null ? nvlinkBandwidth : 2 * from.nvlinkBytesPerSPerDirection();
        // the peaks are SMs x clock x FLOP per SM cycle: more SMs or a faster clock scale the base's peaks
        double scale = from == null ? 1 : (smCount != null ? smCount / (double) from.smCount() : 1)
                * (clock != null ? clock / from.clockHz() : 1);
        peakFlopsBf16 = peakFlopsBf16 != null ? peakFlopsBf16 : from.peakFlopsBf16() * scale;
        peakFlopsFp8 = peakFlopsFp8 != null ? peakFlopsFp8 : from.peakFlopsFp8() * scale;
        peakFlopsFp4 = peakFlopsFp4 != null ? peakFlopsFp4 : from.peakFlopsFp4() * scale;
        smCount = smCount != null ? smCount : from.smCount();
        clock = clock != null ? clock : from.clockHz();
        launchLatencyS = launchLatencyS != null ? launchLatencyS : from.launchLatencyS();
        hbmLatencyS = hbmLatencyS != null ? hbmLatencyS : from.hbmLatencyS();
        l2Bytes = l2Bytes != null ? l2Bytes : from.l2Bytes();
        l2Bandwidth = l2Bandwidth != null ? l2Bandwidth : from.l2BandwidthBytesPerS();
        Power power = from == null ? null : Hardware.builtIn().gpuPower(base);
        busyWatts = busyWatts != null ? busyWatts : power.busyWatts();
        idleWatts = idleWatts != null ? idleWatts : Math.min(power.idleWatts(), busyWatts);
        nodeWatts = nodeWatts != null ? nodeWatts : power.nodeWatts();
        usdPerHour = usdPerHour != null || from == null ? usdPerHour : Hardware.builtIn().usdPerHour("gpus", base);
        // bounds: B200 holds 180 GB at 8 TB/s, 1.8 TB/s NVLink and 9 PFLOP/s FP4 (hardware.md)
        within("hbm_bytes", hbmBytes, 1e9, 1e13, "bytes (1 GB to 10 TB)");
        within("hbm_bandwidth", hbmBandwidth, 1e10, 1e15, "bytes/s (10 GB/s to 1 PB/s)");
        within("nvlink_bandwidth", nvlinkBandwidth, 1e9, 1e14, "bytes/s (1 GB/s to 100 TB/s)");
        within("peak_flops_bf16", peakFlopsBf16, 1e12, 1e18, "FLOP/s (1 TFLOP/s to 1 EFLOP/s)");
        within("peak_flops_fp8", peakFlopsFp8, 1e12, 1e18, "FLOP/s (1 TFLOP/s to 1 EFLOP/s)");
        // bounds: H100 132 SMs at 1.83 GHz, B200 148; 1 us graphed launches, 0.5 us HBM latency, 50-126 MB of L2
        within("sm_count", smCount, 1, 10_000, "SMs (1 to 10,000)");
        within("clock", clock, 1e8, 1e10, "Hz (100 MHz to 10 GHz)");
        within("launch_latency_s", launchLatencyS, 0, 1e-3, "s (0 to 1 ms)");
        within("hbm_latency_s", hbmLatencyS, 1e-9, 1e-4, "s (1 ns to 100 us)");
        within("l2_bytes", l2Bytes, 1e5, 1e11, "bytes (100 KB to 100 GB)");
        within("l2_bandwidth", l2Bandwidth, 1e10, 1e16, "bytes/s (10 GB/s to 10 PB/s)");
        within("busy_watts", busyWatts, 1, 1e5, "W (1 W to 100 kW)");
        within("idle_watts", idleWatts, 0, busyWatts, "W (0 to busy_watts)");
        within("node_watts", nodeWatts, 0, 1e6, "W (0 to 1 MW)");
        if (usdPerHour != null) {
            within("usd_per_hour", usdPerHour, 1e-3, 1e5, "US dollars an hour (0.001 to 100,000)");
        }
        if (peakFlopsFp4 != 0) {
            within("peak_flops_fp4", peakFlopsFp4, 1e12, 1e18, "FLOP/s (0, or 1 TFLOP/s to 1 EFLOP/s)");
        }
    }

    private static void within(String field, double v, double lo, double hi, String range) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException(field + ": must be within " + range + ", got " + v);
        }
    }

    /** The catalog GPU of this name, every figure its own ({@code gpu: b200}). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static GpuHardware named(String name) {
        return new GpuHardware(name, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    /** The GPU the fabric builds from. */
    public GpuDescription spec() {
        return Hardware.builtIn().gpu(name, hbmBytes, hbmBandwidth, peakFlopsBf16, peakFlopsFp8, peakFlopsFp4, nvlinkBandwidth / 2,
                smCount, clock, launchLatencyS, hbmLatencyS, l2Bytes, l2Bandwidth);
    }
}
