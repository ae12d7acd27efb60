package org.fabricsim.fabric.wafer;

import java.util.List;
import org.fabricsim.fabric.api.IdleWaferCost;
import org.fabricsim.fabric.api.MeshPhase;
import org.fabricsim.fabric.api.Region;

/**
 * What operations on the units of a wafer pipeline cost with nothing else running, summed by cause from the
 * mesh's geometry and the cost model alone (no simulation): the per-operation overhead, per-core compute, mesh
 * hops, reduction stages, serialisation on links, moves between regions and inter-wafer crossings. Units are
 * regions of wafers as in {@link WaferPipeline}; a move between wafers leaves by the east edge, crosses each
 * inter-wafer link on the way and comes in from the west edge, as the pipeline routes it.
 */
public final class IdlePipelineCost implements IdleWaferCost {
    private final WaferSpec spec;
    private final int wafers;
    private final int[] unitWafer;
    private final Region[] unitArea;
    private final MeshCostModel cost;
    private final double interWaferLatencyS;
    private final double interWaferBytesPerS;
    // cycles by cause, and the inter-wafer crossings in seconds (links are not clocked with the mesh)
    private double overhead;
    private double compute;
    private double hops;
    private double stages;
    private double serial;
    private double moves;
    private double interWaferS;

    /** The pipeline over {@code wafers} whose unit {@code u} is region {@code unitRegion[u]} of wafer {@code unitWafer[u]}. */
    public IdlePipelineCost(List<Wafer> wafers, int[] unitWafer, int[] unitRegion, MeshCostModel cost,
            double interWaferBytesPerS, double interWaferLatencyS) {
        if (unitWafer.length != unitRegion.length) {
            throw new IllegalArgumentException("unitWafer and unitRegion: need one entry per unit, got "
                    + unitWafer.length + " and " + unitRegion.length);
        }
        this.spec = wafers.get(0).spec();
        this.wafers = wafers.size();
        this.unitWafer = unitWafer.clone();
        this.unitArea = new Region[unitWafer.length];
        for (int u = 0; u < unitWafer.length; u++) {
            unitArea[u] = wafers.get(unitWafer[u]).region(unitRegion[u]);
        }
        this.cost = cost;
        this.interWaferLatencyS = interWaferLatencyS;
        this.interWaferBytesPerS = interWaferBytesPerS;
    }

    /** Adds mesh work on unit {@code unit}, phase by phase. */
    @Override
    public void compute(int unit, List<MeshPhase> phases) {
        Region r = unitArea[unit];
        for (MeshPhase ph : phases) {
            overhead += cost.operationOverheadCycles();
            compute += cost.computeCycles(spec, ph);
            hops += cost.hops(r, ph) * spec.hopCycles();
            stages += cost.stages(r, ph) * cost.stageCycles();
            serial += (double) cost.serialBytes(ph) / spec.linkBytesPerCycle();
        }
    }

    /** Adds a move of {@code bytes} from unit {@code from} to unit {@code to}, the source's rows carrying a share each. */
    @Override
    public void transfer(int from, int to, long bytes) {
        Region a = unitArea[from];
        Region b = unitArea[to];
        long line = ceilDiv(bytes, a.rows());
        if (unitWafer[from] == unitWafer[to]) {
            int h = hops(from, to);
            moves += h == 0 ? 0 : h * spec.hopCycles() + (double) line / spec.linkBytesPerCycle();
            return;
        }
        // to the east edge, across, in from the west edge (intermediate wafers crossed edge to edge)
        int crossings = Math.floorMod(unitWafer[to] - unitWafer[from], wafers);
        int hopsOut = WaferMesh.hops(a.row0(), a.col0(), a.row0(), spec.cols() - 1);
        int hopsIn = WaferMesh.hops(a.row0(), 0, b.row0(), b.col0());
        moves += (hopsOut > 0 ? hopsOut * spec.hopCycles() + (double) line / spec.linkBytesPerCycle() : 0)
                + (hopsIn > 0 ? hopsIn * spec.hopCycles() + (double) line / spec.linkBytesPerCycle() : 0)
                + (crossings - 1) * ((spec.cols() - 1) * spec.hopCycles() + (double) line / spec.linkBytesPerCycle());
        interWaferS += crossings * (interWaferLatencyS + bytes / interWaferBytesPerS);
    }

    /**
     * Adds {@code vectors} vectors of {@code bytesPerVector} sent from unit {@code from} to unit {@code to} of the
     * same wafer as one flow and as many back (an MoE layer's fan-out to an expert and fan-in).
     */
    @Override
    public void fanOutAndBack(int from, int to, int vectors, long bytesPerVector) {
        long line = vectors * ceilDiv(bytesPerVector, unitArea[from].rows());
        moves += 2 * (hops(from, to) * spec.hopCycles() + (double) line / spec.linkBytesPerCycle());
    }

    /** Mesh hops between the anchors (top-left cores) of two units' regions. */
    @Override
    public int hops(int a, int b) {
        Region r = unitArea[a];
        Region s = unitArea[b];
        return WaferMesh.hops(r.row0(), r.col0(), s.row0(), s.col0());
    }

    /** Everything added so far, by cause. */
    @Override
    public Breakdown breakdown() {
        double c = spec.clockHz();
        return new Breakdown(overhead / c, compute / c, hops / c, stages / c, serial / c, moves / c, interWaferS);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
