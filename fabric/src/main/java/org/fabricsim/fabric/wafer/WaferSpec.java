package org.fabricsim.fabric.wafer;

import org.fabricsim.fabric.api.WaferDescription;
import org.fabricsim.fabric.catalog.HardwareCatalog;

/**
 * One wafer-scale engine's hardware: core grid, per-core SRAM and compute, mesh links and I/O.
 * Figures for WSE-2 and WSE-3 are from ../shared/reference/hardware.md (see {@link #wse2()}, {@link #wse3()}), held as
 * entries of the {@link HardwareCatalog} with a source per field.
 *
 * @param name                     "wse2" or "wse3" or a custom label
 * @param rows                     usable fabric rows (cores)
 * @param cols                     usable fabric columns (cores)
 * @param sramBytesPerCore         SRAM bank capacity per core
 * @param sramReadBytesPerCycle    SRAM bytes a core can read per cycle (weights streamed into the FMAC)
 * @param sramWriteBytesPerCycle   SRAM bytes a core can write per cycle (running sums of an AXPY)
 * @param flopsPerCycle16          FLOPs per cycle per core at 16-bit operands (2 x SIMD width for FMA)
 * @param flopsPerCycle32          FLOPs per cycle per core at 32-bit operands
 * @param clockHz                  core and router clock
 * @param linkBytesPerCycle        bytes a mesh link carries per cycle (one 32-bit wavelet)
 * @param hopCycles                router latency per hop, cycles (reference: 1-2)
 * @param ioPorts                  wafer I/O ports (12 x 100 GbE)
 * @param ioPortBandwidthBytesPerS bandwidth of one I/O port
 */
public record WaferSpec(String name, int rows, int cols, int sramBytesPerCore, int sramReadBytesPerCycle,
        int sramWriteBytesPerCycle, int flopsPerCycle16, int flopsPerCycle32, double clockHz, int linkBytesPerCycle, double hopCycles,
        int ioPorts, double ioPortBandwidthBytesPerS) implements WaferDescription {

    public WaferSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: must be non-empty, got " + name);
        }
        positive("rows", rows);
        positive("cols", cols);
        positive("sramBytesPerCore", sramBytesPerCore);
        positive("sramReadBytesPerCycle", sramReadBytesPerCycle);
        positive("sramWriteBytesPerCycle", sramWriteBytesPerCycle);
        positive("flopsPerCycle16", flopsPerCycle16);
        positive("flopsPerCycle32", flopsPerCycle32);
        positive("linkBytesPerCycle", linkBytesPerCycle);
        positive("ioPorts", ioPorts);
        if (!(clockHz > 0) || Double.isInfinite(clockHz)) {
            throw new IllegalArgumentException("clockHz: must be > 0, got " + clockHz);
        }
        if (!(hopCycles >= 0) || Double.isInfinite(hopCycles)) {
            throw new IllegalArgumentException("hopCycles: must be >= 0, got " + hopCycles);
        }
        if (!(ioPortBandwidthBytesPerS > 0)) {
            throw new IllegalArgumentException("ioPortBandwidthBytesPerS: must be > 0, got " + ioPortBandwidthBytesPerS);
        }
    }

    private static void positive(String field, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException(field + ": must be > 0, got " + v);
        }
    }

    /**
     * WSE-2: 757 x 996 usable fabric (csl-examples, WaferLLM compile.py), 48 KB SRAM per core (HC34),
     * SRAM 2 x 64-bit reads and 1 x 64-bit write per cycle = 16 and 8 B/cycle (Cerebras architecture deep
     * dive, HC34), 4-wide FP16 SIMD
     * (nextplatform 2024/03/14) = 8 FLOP/cycle with FMA, 1.1 GHz (HC34), 32-bit links, 12 x 100 GbE.
     */
    public static WaferSpec wse2() {
        return fromCatalog("wse2");
    }

    /**
     * WSE-3: 762 x 1172 usable fabric (WaferLLM WSE3_SDK_RUN_RESULTS.md), 48 KB SRAM per core, 16 B/cycle
     * SRAM reads and 8 B/cycle writes (the WSE-2's ports: 21 vs 20 PB/s for 900k vs 850k cores, no
     * wider port published), 8-wide FP16 SIMD (nextplatform) = 16 FLOP/cycle, clock unpublished (see
     * {@link WaferCalibration#WSE3_CLOCK_HZ}), 32-bit links, 12 x 100 GbE.
     */
    public static WaferSpec wse3() {
        return fromCatalog("wse3");
    }

    /** The catalog wafer of this name ("wse2", "wse3"). */
    public static WaferSpec named(String name) {
        return fromCatalog(name);
    }

    /** The same wafer with another per-hop router latency. */
    public WaferSpec withHopCycles(double newHopCycles) {
        return new WaferSpec(name, rows, cols, sramBytesPerCore, sramReadBytesPerCycle, sramWriteBytesPerCycle,
                flopsPerCycle16,
                flopsPerCycle32, clockHz, linkBytesPerCycle, newHopCycles, ioPorts, ioPortBandwidthBytesPerS);
    }

    /** A small wafer for tests and micro-benchmarks with this wafer's per-core figures. */
    @Override
    public WaferSpec withGrid(int newRows, int newCols) {
        return new WaferSpec(name, newRows, newCols, sramBytesPerCore, sramReadBytesPerCycle, sramWriteBytesPerCycle,
                flopsPerCycle16,
                flopsPerCycle32, clockHz, linkBytesPerCycle, hopCycles, ioPorts, ioPortBandwidthBytesPerS);
    }

    @Override
    public long cores() {
        return (long) rows * cols;
    }

    @Override
    public long sramBytes() {
        return cores() * sramBytesPerCore;
    }

    /** Bandwidth of one mesh link, bytes/s. */
    public double linkBandwidthBytesPerS() {
        return linkBytesPerCycle * clockHz;
    }

    /** FLOPs per cycle per core for operands of this many bits (weights below 16 bits are widened to 16). */
    public int flopsPerCycle(double operandBits) {
        return operandBits > 16 ? flopsPerCycle32 : flopsPerCycle16;
    }

    /** Directed mesh links: 4 per core minus the wafer's edges. */
    public long meshLinks() {
        return 2L * (rows * (cols - 1L) + cols * (rows - 1L));
    }

    /** The catalog wafer of this name, validated by the constructor (a bad entry is the catalog file's fault). */
    private static WaferSpec fromCatalog(String name) {
        HardwareCatalog c = HardwareCatalog.builtIn();
        java.util.Map<String, Double> e = c.fields("wafers", "wafer", name);
        try {
            return new WaferSpec(name, c.exactInt(e, "rows"), c.exactInt(e, "cols"), c.exactInt(e, "sram_bytes_per_core"),
                    c.exactInt(e, "sram_read_bytes_per_cycle"), c.exactInt(e, "sram_write_bytes_per_cycle"),
                    c.exactInt(e, "flops_per_cycle_16bit"), c.exactInt(e, "flops_per_cycle_32bit"), e.get("clock_hz"),
                    c.exactInt(e, "mesh_link_bytes_per_cycle"), e.get("hop_cycles"), c.exactInt(e, "io_ports"),
                    e.get("io_port_bytes_per_s"));
        } catch (IllegalArgumentException ex) {
            throw new IllegalStateException(c.file() + ": wafers." + name + ": " + ex.getMessage(), ex);
        }
    }
}
