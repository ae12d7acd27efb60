package org.fabricsim.fabric.gpu;

import org.fabricsim.fabric.api.GpuDescription;
import org.fabricsim.fabric.api.MathPrecision;
import org.fabricsim.fabric.catalog.HardwareCatalog;

/**
 * One GPU's hardware figures (../shared/reference/hardware.md); the built-in GPUs are entries of the
 * {@link HardwareCatalog} (fabric/src/main/resources/org/fabricsim/fabric/catalog/hardware.yaml), which cites each figure. Peaks are dense (not 2:4 sparse).
 *
 * @param name                      e.g. "h100"
 * @param hbmBytes                  HBM capacity
 * @param hbmBandwidthBytesPerS     HBM peak bandwidth
 * @param peakFlopsBf16             dense BF16 tensor-core peak, FLOP/s
 * @param peakFlopsFp8              dense FP8 peak, FLOP/s
 * @param peakFlopsFp4              dense FP4 peak, FLOP/s; 0 where the GPU has no FP4 tensor cores
 * @param nvlinkBytesPerSPerDirection NVLink line rate per GPU and direction (half the bidirectional figure)
 * @param smCount                   streaming multiprocessors: a GEMM's tiles run over them in waves
 * @param clockHz                   the tensor-core clock the dense peaks are quoted at (the peaks are SMs x clock x
 *                                  FLOP per SM cycle, so a what-if of either scales them)
 * @param launchLatencyS            the gap between two dependent kernels inside a CUDA graph
 * @param hbmLatencyS               the time from a kernel's first HBM load to its data: a read smaller than
 *                                  latency x bandwidth cannot stream at full rate (Little's law)
 * @param l2Bytes                   L2 capacity: activations passed between kernels stay there when they fit
 * @param l2BandwidthBytesPerS      L2 hit bandwidth
 */
public record GpuSpec(String name, long hbmBytes, double hbmBandwidthBytesPerS, double peakFlopsBf16,
        double peakFlopsFp8, double peakFlopsFp4, double nvlinkBytesPerSPerDirection, int smCount, double clockHz,
        double launchLatencyS, double hbmLatencyS, long l2Bytes, double l2BandwidthBytesPerS)
        implements GpuDescription {

    /** H100 SXM: 80 GB HBM3 at 3.35 TB/s, 989.4 / 1978.9 TFLOP/s BF16 / FP8, NVLink 900 GB/s bidirectional (glennklockwood.com). */
    public static final GpuSpec H100_SXM = fromCatalog("h100");
    /** H200: 141 GB HBM3e at 4.8 TB/s, compute as H100 (lzwjava.github.io, aiwiki.ai). */
    public static final GpuSpec H200 = fromCatalog("h200");
    /** B200 (HGX, 1000 W): 180 GB [D] at 8 TB/s, 2.25 / 4.5 / 9 PFLOP/s BF16 / FP8 / FP4, NVLink 1.8 TB/s (glennklockwood, vultr). */
    public static final GpuSpec B200 = fromCatalog("b200");

    public GpuSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: must be non-blank, got " + name);
        }
        positive("hbmBytes", hbmBytes);
        positive("hbmBandwidthBytesPerS", hbmBandwidthBytesPerS);
        positive("peakFlopsBf16", peakFlopsBf16);
        positive("peakFlopsFp8", peakFlopsFp8);
        if (!(peakFlopsFp4 >= 0) || Double.isInfinite(peakFlopsFp4)) {
            throw new IllegalArgumentException("peakFlopsFp4: must be >= 0 and finite, got " + peakFlopsFp4);
        }
        positive("nvlinkBytesPerSPerDirection", nvlinkBytesPerSPerDirection);
        positive("smCount", smCount);
        positive("clockHz", clockHz);
        if (!(launchLatencyS >= 0) || Double.isInfinite(launchLatencyS)) {
            throw new IllegalArgumentException("launchLatencyS: must be >= 0 and finite, got " + launchLatencyS);
        }
        positive("hbmLatencyS", hbmLatencyS);
        positive("l2Bytes", l2Bytes);
        positive("l2BandwidthBytesPerS", l2BandwidthBytesPerS);
    }

    private static void positive(String field, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(field + ": must be > 0 and finite, got " + v);
        }
    }

    /** The catalog GPU of this name (h100, h200, b200; h100_sxm and h100-sxm name the h100). */
    public static GpuSpec named(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "h100", "h100_sxm", "h100-sxm" -> H100_SXM;
            case "h200" -> H200;
            case "b200" -> B200;
            default -> fromCatalog(name);
        };
    }

    /** Dense peak for a math precision; FP4 runs at the FP8 rate on GPUs without FP4 tensor cores. */
    public double peakFlops(MathPrecision precision) {
        return switch (precision) {
            case BF16 -> peakFlopsBf16;
            case FP8 -> peakFlopsFp8;
            case FP4 -> peakFlopsFp4 > 0 ? peakFlopsFp4 : peakFlopsFp8;
        };
    }

    /** Dense tensor-core FLOP per SM per cycle at a precision: what one SM adds to the peak. */
    public double flopsPerSmCycle(MathPrecision precision) {
        return peakFlops(precision) / smCount / clockHz;
    }

    public boolean hasFp4() {
        return peakFlopsFp4 > 0;
    }

    /** The catalog GPU of this name, validated by the constructor (a bad entry is the catalog file's fault). */
    private static GpuSpec fromCatalog(String name) {
        HardwareCatalog c = HardwareCatalog.builtIn();
        java.util.Map<String, Double> e = c.fields("gpus", "gpu", name);
        try {
            return new GpuSpec(name.toLowerCase(java.util.Locale.ROOT), c.exactLong(e, "hbm_bytes"),
                    e.get("hbm_bandwidth_bytes_per_s"), e.get("peak_flops_bf16_per_s"), e.get("peak_flops_fp8_per_s"),
                    e.get("peak_flops_fp4_per_s"), e.get("nvlink_bytes_per_s_per_direction"),
                    c.exactInt(e, "sm_count"), e.get("clock_hz"), e.get("launch_latency_s"), e.get("hbm_latency_s"),
                    c.exactLong(e, "l2_bytes"), e.get("l2_bandwidth_bytes_per_s"));
        } catch (IllegalArgumentException ex) {
            throw new IllegalStateException(c.file() + ": gpus." + name + ": " + ex.getMessage(), ex);
        }
    }
}
