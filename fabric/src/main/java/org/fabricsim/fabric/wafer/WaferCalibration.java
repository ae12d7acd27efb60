package org.fabricsim.fabric.wafer;

import org.fabricsim.fabric.catalog.CalibrationCatalog;

/**
 * The few global constants of the wafer model (one set for every wafer scenario), each with its source.
 * Listed in docs/wafer-model.md. Chosen from the hardware reference and the WaferLLM paper (OSDI'25,
 * arXiv 2502.04563), then checked against the calibration scenarios; never set per scenario.
 */
public final class WaferCalibration {
    private WaferCalibration() {
    }

    /** WSE-2 clock: 1.1 GHz (Hot Chips 34, Sean Lie). The SDK bandwidth test converts at 0.85 GHz [D]. */
    public static final double WSE2_CLOCK_HZ = 1.1e9;

    /**
     * WSE-3 clock: unpublished. We take the WSE-2's 1.1 GHz: Cerebras quotes the same power for CS-3 as
     * CS-2 and NextPlatform estimates at most +5%; the 15.8 PF dense FP16 estimate in the reference
     * assumes 1.1 GHz too.
     */
    public static final double WSE3_CLOCK_HZ = 1.1e9;

    /**
     * Latency per hop, cycles (PLMR alpha): one cycle on the 32-bit link (hardware.md: a wavelet to a
     * neighbour in one cycle) plus one router cycle, the low end of the reference's unpublished 1-2.
     * Equal to the cycle-level mesh's wafer router (fabric.noc RouterConfig.wafer(): zero-load 2H + F),
     * so the flow and flit models agree on an idle transfer (FlowAgreesWithFlitMeshTest).
     */
    public static final double HOP_CYCLES = 2.0;

    // The kernel constants (cycles per reduction stage, per mesh operation and per vector instruction) are data: the
    // calibration catalog's wafer_kernels sets (calibration.yaml), which a scenario's kernels: key picks or derives.
    // Why the calibrated values are what they are is in docs/calibration.md and docs/wafer-model.md.

    /** SRAM per core kept for code and buffers: the kernel mode's reserved_sram_bytes_per_core (calibration.yaml). */
    public static final int RESERVED_SRAM_BYTES_PER_CORE = CalibrationCatalog.reservedSramBytesPerCore(
            CalibrationCatalog.builtIn().set(CalibrationCatalog.WAFER_KERNELS, "calibrated").values());

    /**
     * Inter-wafer link latency: 100 GbE MAC/PHY/FEC at each end (~0.5-1 us each) plus one cut-through
     * switch (~0.5-1 us). An estimate (no published figure); it matters little against ~2 ms per token.
     */
    public static final double INTER_WAFER_LATENCY_S = 2e-6;
}
