package org.fabricsim.workloads.wafer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import org.fabricsim.fabric.api.Hardware;
import org.fabricsim.fabric.api.Power;
import org.fabricsim.fabric.api.WaferDescription;

/**
 * A scenario's wafer: a catalog name ({@code wafer: wse3}), a catalog wafer with changed figures
 * ({@code wafer: {base: wse3, clock: 1.4GHz, mesh_link_bytes_per_cycle: 8}}), or a wafer from scratch with every
 * figure given. Figures not given are the base's, so the record holds the full hardware it simulates and
 * {@code scenario.resolved.yaml} records it. The router latency is the system's {@code hop_cycles} key, as before
 * this record existed. Bounds are wide physical sanity limits (a 300 mm wafer holds a few thousand cores a side),
 * there to refuse typos, not to judge a design.
 *
 * @param base                   catalog wafer the figures not given come from (null: every figure given)
 * @param name                   label in describe (default: the base's name)
 * @param rows                   core rows of the usable fabric
 * @param cols                   core columns of the usable fabric
 * @param sramBytesPerCore       SRAM per core, bytes
 * @param sramReadBytesPerCycle  SRAM bytes a core reads per cycle
 * @param sramWriteBytesPerCycle SRAM bytes a core writes per cycle
 * @param flopsPerCycle16bit     FLOPs per cycle per core on 16-bit operands
 * @param flopsPerCycle32bit     FLOPs per cycle per core on 32-bit operands
 * @param clock                  core and router clock, Hz
 * @param meshLinkBytesPerCycle  bytes one mesh link carries per cycle
 * @param ioPorts                wafer I/O ports
 * @param ioPortBandwidth        bandwidth of one I/O port, bytes/s
 * @param busyWatts              one wafer system's draw with every core computing, W
 * @param idleWatts              its draw with no core computing, W
 * @param hostWatts              draw of the CPU servers that feed one wafer system (input, sampling, detokenising), W,
 *                               always on
 * @param usdPerHour             rental price of one wafer system an hour, US dollars (null: none known; a scenario's
 *                               {@code prices:} can still price the system)
 */
@JsonPropertyOrder({"base", "name", "rows", "cols", "sram_bytes_per_core", "sram_read_bytes_per_cycle",
        "sram_write_bytes_per_cycle", "flops_per_cycle_16bit", "flops_per_cycle_32bit", "clock",
        "mesh_link_bytes_per_cycle", "io_ports", "io_port_bandwidth", "busy_watts", "idle_watts", "host_watts", "usd_per_hour"})
public record WaferHardware(String base, String name, Integer rows, Integer cols, Long sramBytesPerCore,
        Integer sramReadBytesPerCycle, Integer sramWriteBytesPerCycle,
        @JsonProperty("flops_per_cycle_16bit") Integer flopsPerCycle16bit,
        @JsonProperty("flops_per_cycle_32bit") Integer flopsPerCycle32bit, Double clock, Integer meshLinkBytesPerCycle, Integer ioPorts, Double ioPortBandwidth,
        Double busyWatts, Double idleWatts, Double hostWatts, Double usdPerHour) {

    private static final List<String> FIGURES = List.of("rows", "cols", "sram_bytes_per_core",
            "sram_read_bytes_per_cycle", "sram_write_bytes_per_cycle", "flops_per_cycle_16bit", "flops_per_cycle_32bit",
            "clock", "mesh_link_bytes_per_cycle", "io_ports", "io_port_bandwidth", "busy_watts", "idle_watts", "host_watts");

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public WaferHardware {
        WaferDescription from = null;
        if (base != null) {
            try {
                from = Hardware.builtIn().wafer(base);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("base: " + e.getMessage().replaceFirst("^[a-z]+: ", ""), e);
            }
        } else {
            Object[] given = {rows, cols, sramBytesPerCore, sramReadBytesPerCycle, sramWriteBytesPerCycle,
                    flopsPerCycle16bit, flopsPerCycle32bit, clock, meshLinkBytesPerCycle, ioPorts, ioPortBandwidth,
                    busyWatts, idleWatts, hostWatts};
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < given.length; i++) {
                if (given[i] == null) {
                    missing.add(FIGURES.get(i));
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("base: a wafer without a base (one of "
                        + String.join(", ", Hardware.builtIn().names("wafers")) + ") must give every figure; missing "
                        + String.join(", ", missing));
            }
            if (name == null) {
                throw new IllegalArgumentException("name: a wafer without a base needs a name");
            }
        }
        name = name != null ? name : from.name();
        if (name.isBlank()) {
            throw new IllegalArgumentException("name: must be non-blank");
        }
        rows = rows != null ? rows : from.rows();
        cols = cols != null ? cols : from.cols();
        sramBytesPerCore = sramBytesPerCore != null ? sramBytesPerCore : from.sramBytesPerCore();
        sramReadBytesPerCycle = sramReadBytesPerCycle != null ? sramReadBytesPerCycle : from.sramReadBytesPerCycle();
        sramWriteBytesPerCycle = sramWriteBytesPerCycle != null ? sramWriteBytesPerCycle : from.sramWriteBytesPerCycle();
        flopsPerCycle16bit = flopsPerCycle16bit != null ? flopsPerCycle16bit : from.flopsPerCycle16();
        flopsPerCycle32bit = flopsPerCycle32bit != null ? flopsPerCycle32bit : from.flopsPerCycle32();
        clock = clock != null ? clock : from.clockHz();
        meshLinkBytesPerCycle = meshLinkBytesPerCycle != null ? meshLinkBytesPerCycle : from.linkBytesPerCycle();
        ioPorts = ioPorts != null ? ioPorts : from.ioPorts();
        ioPortBandwidth = ioPortBandwidth != null ? ioPortBandwidth : from.ioPortBandwidthBytesPerS();
        Power power = from == null ? null : Hardware.builtIn().waferPower(base);
        busyWatts = busyWatts != null ? busyWatts : power.busyWatts();
        idleWatts = idleWatts != null ? idleWatts : Math.min(power.idleWatts(), busyWatts);
        hostWatts = hostWatts != null ? hostWatts : power.nodeWatts();
        usdPerHour = usdPerHour != null || from == null ? usdPerHour : Hardware.builtIn().usdPerHour("wafers", base);
        // bounds: WSE-3 is 762 x 1172 cores of 48 KB at 1.1 GHz with 4-byte links (hardware.md)
        within("rows", rows, 1, 4096, "1..4096 cores");
        within("cols", cols, 1, 4096, "1..4096 cores");
        within("sram_bytes_per_core", sramBytesPerCore, 1024, 16 << 20, "1 KiB..16 MiB");
        within("sram_read_bytes_per_cycle", sramReadBytesPerCycle, 1, 1024, "1..1024 bytes");
        within("sram_write_bytes_per_cycle", sramWriteBytesPerCycle, 1, 1024, "1..1024 bytes");
        within("flops_per_cycle_16bit", flopsPerCycle16bit, 1, 4096, "1..4096 FLOPs");
        within("flops_per_cycle_32bit", flopsPerCycle32bit, 1, 4096, "1..4096 FLOPs");
        within("clock", clock, 1e7, 1e10, "10 MHz..10 GHz");
        within("mesh_link_bytes_per_cycle", meshLinkBytesPerCycle, 1, 1024, "1..1024 bytes");
        within("io_ports", ioPorts, 1, 4096, "1..4096 ports");
        within("io_port_bandwidth", ioPortBandwidth, 1e8, 1e13, "100 MB/s..10 TB/s");
        within("busy_watts", busyWatts, 1, 1e7, "1 W..10 MW");
        within("idle_watts", idleWatts, 0, busyWatts, "0..busy_watts");
        within("host_watts", hostWatts, 0, 1e6, "0 W..1 MW");
        if (usdPerHour != null) {
            within("usd_per_hour", usdPerHour, 1e-3, 1e6, "0.001..1,000,000 US dollars an hour");
        }
    }

    private static void within(String field, double v, double lo, double hi, String range) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException(field + ": must be within " + range + ", got "
                    + (v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v)));
        }
    }

    /** The catalog wafer of this name, every figure its own ({@code wafer: wse3}). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static WaferHardware named(String name) {
        return new WaferHardware(name, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    /** The wafer the fabric builds from, with this router latency per hop. */
    public WaferDescription spec(double hopCycles) {
        return Hardware.builtIn().wafer(name, rows, cols, (int) (long) sramBytesPerCore, sramReadBytesPerCycle,
                sramWriteBytesPerCycle, flopsPerCycle16bit, flopsPerCycle32bit, clock, meshLinkBytesPerCycle, hopCycles,
                ioPorts, ioPortBandwidth);
    }
}
