package org.fabricsim.fabric.wafer;

import org.fabricsim.fabric.api.MeshAxis;
import org.fabricsim.fabric.api.Region;
import org.fabricsim.fabric.catalog.CalibrationCatalog;
import org.fabricsim.fabric.api.MeshPhase;

/**
 * Critical-path cost of mesh operations from the region's geometry (PLMR: hops x alpha, reduction
 * stages x beta, per-core compute bounded by SRAM bytes/cycle and FLOPs/cycle). The serialisation of
 * vectors on links is not here: it is carried by flows on the mesh's links, where it contends.
 *
 * @param reduction               reduction scheme (chain or MeshGEMV two-level)
 * @param stageCycles             beta: cycles per reduction stage at a core
 * @param operationOverheadCycles fixed cycles per mesh operation (task activation, barrier)
 * @param instructionCycles       fixed cycles per vector (DSD) instruction a core issues (setup, loop)
 * @param sumsInRegisters         running sums stay in registers: no SRAM read or write of a partial sum per
 *                                MAC, so a core is bound by reading its weights and by its SIMD FLOP rate
 */
public record MeshCostModel(ReductionScheme reduction, double stageCycles, double operationOverheadCycles,
        double instructionCycles, boolean sumsInRegisters) {

    /** Running sums in SRAM (the AXPY kernel), as in every calibrated case. */
    public MeshCostModel(ReductionScheme reduction, double stageCycles, double operationOverheadCycles,
            double instructionCycles) {
        this(reduction, stageCycles, operationOverheadCycles, instructionCycles, false);
    }

    /** The calibrated kernel mode of the calibration catalog ({@code wafer_kernels.calibrated}) with this reduction scheme. */
    public static MeshCostModel calibrated(ReductionScheme reduction) {
        return mode("calibrated", reduction);
    }

    /**
     * The hardware's ceiling, not a calibration ({@code wafer_kernels.peak}): no software cost at all (no
     * per-operation, per-instruction or per-reduction-stage cycles) and running sums in registers, so a core streams
     * its weights at the read ports and MACs at its full SIMD width (8 x 16-bit on a WSE-3). Hops still cost alpha and
     * vectors still serialise on the links. What any kernel on this mapping can at best reach (docs/wafer-model.md).
     */
    public static MeshCostModel peak(ReductionScheme reduction) {
        return mode("peak", reduction);
    }

    private static MeshCostModel mode(String name, ReductionScheme reduction) {
        CalibrationCatalog c = CalibrationCatalog.builtIn();
        return of(c.set(CalibrationCatalog.WAFER_KERNELS, name).values(), reduction);
    }

    public MeshCostModel {
        if (reduction == null) {
            throw new IllegalArgumentException("reduction: must be given, got null");
        }
        if (!(stageCycles >= 0)) {
            throw new IllegalArgumentException("stageCycles: must be >= 0, got " + stageCycles);
        }
        if (!(operationOverheadCycles >= 0)) {
            throw new IllegalArgumentException("operationOverheadCycles: must be >= 0, got " + operationOverheadCycles);
        }
        if (!(instructionCycles >= 0)) {
            throw new IllegalArgumentException("instructionCycles: must be >= 0, got " + instructionCycles);
        }
    }

    /**
     * Cycles a core computes: the slowest of reading its SRAM bytes, writing its SRAM bytes (separate
     * ports) and doing its FLOPs, plus a fixed cost per vector instruction. A tile that is short in the
     * direction its instructions stream (few outputs per input element) pays relatively more.
     */
    public double computeCycles(WaferSpec spec, MeshPhase p) {
        // an AXPY reads each running sum it writes back; with sums in registers neither happens
        long sumBytes = sumsInRegisters ? p.sramWriteBytesPerCore() : 0;
        double reads = (double) (p.sramBytesPerCore() - sumBytes) / spec.sramReadBytesPerCycle();
        double writes = (double) (p.sramWriteBytesPerCore() - sumBytes) / spec.sramWriteBytesPerCycle();
        double flops = (double) p.flopsPerCore() / spec.flopsPerCycle(p.operandBits());
        return Math.max(Math.max(reads, writes), flops) + p.instructionsPerCore() * instructionCycles;
    }

    /** Latency cycles of the communication along the axis (hops and stages), without serialisation. */
    public double communicationCycles(WaferSpec spec, Region r, MeshPhase p) {
        double alpha = spec.hopCycles();
        return switch (p.axis()) {
            case NONE -> 0;
            case ROWS -> line(r.cols(), alpha, p.reduce());
            case COLUMNS -> line(r.rows(), alpha, p.reduce());
            case BOTH -> line(r.cols(), alpha, p.reduce()) + line(r.rows(), alpha, p.reduce());
        };
    }

    /** Hops on the phase's critical path (to the roots and back, on each axis it uses). */
    public double hops(Region r, MeshPhase p) {
        return switch (p.axis()) {
            case NONE -> 0;
            case ROWS -> lineHops(r.cols(), p.reduce());
            case COLUMNS -> lineHops(r.rows(), p.reduce());
            case BOTH -> lineHops(r.cols(), p.reduce()) + lineHops(r.rows(), p.reduce());
        };
    }

    /** Reduction stages on the phase's critical path. */
    public int stages(Region r, MeshPhase p) {
        if (!p.reduce()) {
            return 0;
        }
        return switch (p.axis()) {
            case NONE -> 0;
            case ROWS -> reduction.stages(r.cols());
            case COLUMNS -> reduction.stages(r.rows());
            case BOTH -> reduction.stages(r.cols()) + reduction.stages(r.rows());
        };
    }

    private double lineHops(int n, boolean reduce) {
        if (n <= 1) {
            return 0;
        }
        return reduce ? reduction.reduceHops(n) + reduction.broadcastHops(n) : n - 1;
    }

    private double line(int n, double alpha, boolean reduce) {
        return reduce ? reduction.allReduceCycles(n, alpha, stageCycles) : Math.max(0, n - 1) * alpha;
    }

    /** Critical-path cycles of a phase except the serialisation of its vector on the links. */
    public double phaseCycles(WaferSpec spec, Region r, MeshPhase p) {
        return phaseCycles(spec, p, communicationCycles(spec, r, p));
    }

    /** As {@link #phaseCycles(WaferSpec, Region, MeshPhase)} with the region's communication cycles already known. */
    public double phaseCycles(WaferSpec spec, MeshPhase p, double communicationCycles) {
        return operationOverheadCycles + computeCycles(spec, p) + communicationCycles;
    }

    /**
     * Bytes serialised through one line of the region on the phase's critical path: the line's share of
     * the vector once to the root and once back for a reduction, once for a multicast, on each axis.
     */
    public long serialBytes(MeshPhase p) {
        long perAxis = p.reduce() ? 2 * p.bytesPerLine() : p.bytesPerLine();
        return switch (p.axis()) {
            case NONE -> 0;
            case ROWS, COLUMNS -> perAxis;
            case BOTH -> 2 * perAxis;
        };
    }

    /** Bytes the whole region moves over its links in this phase (every line, every link it crosses). */
    public long regionLinkBytes(Region r, MeshPhase p) {
        long perLink = p.reduce() ? 2 * p.bytesPerLine() : p.bytesPerLine();
        long rowLinks = (long) r.rows() * (r.cols() - 1);
        long colLinks = (long) r.cols() * (r.rows() - 1);
        return switch (p.axis()) {
            case NONE -> 0;
            case ROWS -> perLink * rowLinks;
            case COLUMNS -> perLink * colLinks;
            case BOTH -> perLink * (rowLinks + colLinks);
        };
    }

    /** The kernel costs of a kernel mode's values (calibration.yaml's field names) with a reduction scheme, validated by the record. */
    public static MeshCostModel of(java.util.Map<String, Double> v, ReductionScheme reduction) {
        double inRegisters = v.get("sums_in_registers");
        if (inRegisters != 0 && inRegisters != 1) {
            throw new IllegalArgumentException("sums_in_registers: must be true or false, got " + inRegisters);
        }
        return new MeshCostModel(reduction, v.get("reduction_stage_cycles"), v.get("operation_overhead_cycles"),
                v.get("instruction_cycles"), inRegisters == 1);
    }
}
