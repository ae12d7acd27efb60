package org.fabricsim.fabric.api;

/**
 * What a workload may read of one GPU to place a model on it and describe it: HBM, tensor-core peaks, SMs and clock,
 * latencies, L2 and NVLink.
 * Read-only; {@link Hardware} gives the catalog's GPUs and builds the fabric from a description.
 */
public interface GpuDescription {
    /** Label in describe and in outputs ("h100"). */
    String name();

    /** HBM capacity, bytes. */
    long hbmBytes();

    /** HBM peak bandwidth, bytes/s. */
    double hbmBandwidthBytesPerS();

    /** Dense BF16 tensor-core peak, FLOP/s. */
    double peakFlopsBf16();

    /** Dense FP8 tensor-core peak, FLOP/s. */
    double peakFlopsFp8();

    /** Dense FP4 tensor-core peak, FLOP/s; 0 where the GPU has no FP4 tensor cores. */
    double peakFlopsFp4();

    /** NVLink line rate per GPU and direction, bytes/s. */
    double nvlinkBytesPerSPerDirection();

    /** Streaming multiprocessors: a GEMM's tiles run over them in waves. */
    int smCount();

    /** The tensor-core clock the dense peaks are quoted at, Hz. */
    double clockHz();

    /** The gap between two dependent kernels inside a CUDA graph, s. */
    double launchLatencyS();

    /** HBM load latency, s. */
    double hbmLatencyS();

    /** L2 capacity, bytes. */
    long l2Bytes();

    /** L2 hit bandwidth, bytes/s. */
    double l2BandwidthBytesPerS();

    /** Whether the GPU has FP4 tensor cores. */
    boolean hasFp4();
}
