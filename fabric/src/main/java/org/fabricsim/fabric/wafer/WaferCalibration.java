package org.fabricsim.fabric.wafer;

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

    /**
     * Cycles a core spends per stage of a reduction (receive a partial-sum wavelet stream, activate the
     * add task, forward): the PLMR beta. Not published; WaferLLM's analysis treats it as several times
     * alpha. Calibrated, within a physically plausible 10-100.
     */
    public static final double REDUCTION_STAGE_CYCLES = 20.0;

    /**
     * Fixed cycles per mesh operation for task activation and the barrier that starts it (CSL tasks
     * are activated by wavelets; a region-wide operation waits for its slowest core). Calibrated.
     */
    public static final double OPERATION_OVERHEAD_CYCLES = 200.0;

    /**
     * Cycles per vector (DSD) instruction a core issues, on top of streaming its operands. The roofline is
     * that of an AXPY stream (workloads LayerWork: each MAC reads its weight and a 16-bit running sum and
     * writes the sum back, as in WaferLLM's decode kernel), which the Cerebras deep dive (HC34, IEEE Micro
     * 43(3)) says the SRAM ports (2 x 64-bit reads, 1 x 64-bit write per cycle) sustain at full SIMD rate:
     * 4 MACs/cycle on a WSE-2, and 4 on a WSE-3 too (its 8-wide SIMD is not fed by the same ports). What is
     * lost is per instruction (one AXPY per input element of a core's tile per token: its setup, the loop
     * around it, the pipeline fill), not per weight, so a tall tile (many outputs per input element)
     * streams closer to the roofline than a short one. No per-kernel cycle count is published, so the value
     * is calibrated with the two constants above to Cerebras' Llama 3.1 8B and 70B (docs/wafer-model.md);
     * it replaced a flat 0.40 fraction of the roofline, which had no way to tell tile shapes apart.
     */
    public static final double INSTRUCTION_CYCLES = 18.0;

    /**
     * SRAM per core kept for code, the task table, routing configuration and runtime buffers; not
     * available to weights or KV cache. WaferLLM's P=32 decode build ran out of PE memory for its task
     * table and data (WSE3_SDK_RUN_RESULTS.md), so the reserve is real; 4 KB is our estimate.
     */
    public static final int RESERVED_SRAM_BYTES_PER_CORE = 4 * 1024;

    /**
     * Inter-wafer link latency: 100 GbE MAC/PHY/FEC at each end (~0.5-1 us each) plus one cut-through
     * switch (~0.5-1 us). An estimate (no published figure); it matters little against ~2 ms per token.
     */
    public static final double INTER_WAFER_LATENCY_S = 2e-6;
}
