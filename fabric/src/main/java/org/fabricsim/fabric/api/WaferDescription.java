package org.fabricsim.fabric.api;

/**
 * What a workload may read of one wafer-scale engine to place a model on it and describe it: the core grid,
 * each core's SRAM, compute and links, the router latency and the wafer's I/O. Read-only; {@link Hardware} gives
 * the catalog's wafers and builds the fabric from a description.
 */
public interface WaferDescription {
    /** Label in describe and in messages ("wse3"). */
    String name();

    /** Usable fabric rows (cores). */
    int rows();

    /** Usable fabric columns (cores). */
    int cols();

    /** SRAM bank capacity per core, bytes. */
    int sramBytesPerCore();

    /** SRAM bytes a core reads per cycle. */
    int sramReadBytesPerCycle();

    /** SRAM bytes a core writes per cycle. */
    int sramWriteBytesPerCycle();

    /** FLOPs per cycle per core at 16-bit operands. */
    int flopsPerCycle16();

    /** FLOPs per cycle per core at 32-bit operands. */
    int flopsPerCycle32();

    /** Core and router clock, Hz. */
    double clockHz();

    /** Bytes a mesh link carries per cycle. */
    int linkBytesPerCycle();

    /** Router latency per hop, cycles. */
    double hopCycles();

    /** Wafer I/O ports. */
    int ioPorts();

    /** Bandwidth of one I/O port, bytes/s. */
    double ioPortBandwidthBytesPerS();

    /** Cores of the grid. */
    long cores();

    /** SRAM bytes of the whole grid. */
    long sramBytes();

    /** The same wafer cut to a smaller grid (experiments on part of a wafer), every per-core figure kept. */
    WaferDescription withGrid(int rows, int cols);
}
