package org.fabricsim.fabric.wafer;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.fabricsim.core.flow.LinkClassUsage;
import org.fabricsim.fabric.api.Collective;
import org.fabricsim.fabric.api.Fabric;
import org.fabricsim.fabric.api.LinkUsage;
import org.fabricsim.fabric.api.MeshPhase;
import org.fabricsim.fabric.api.MeshWork;
import org.fabricsim.fabric.api.Region;
import org.fabricsim.fabric.api.Work;

/**
 * A layer pipeline of wafers as a {@link Fabric}: each unit is a region of cores on one wafer, compute
 * is mesh work on a region, a transfer crosses the mesh from one region's anchor to another's (and, between
 * wafers, to the east edge, over each inter-wafer link on the way and in from the west edge). A region's
 * rows carry their shares of a vector in parallel, so one representative row's share crosses the mesh.
 */
public final class WaferPipeline implements Fabric {
    private final WaferMesh[] meshes;
    private final InterWaferLinks links;
    private final int[] unitWafer;
    private final int[] unitRegion;
    private final Region[] unitArea;
    /**
     * Each unit's region anchor, id, wafer and shape side by side (UNIT_FIELDS ints a unit): a scatter-compute reads
     * them for ~60-110 targets, and one array keeps a target's fields on one cache line.
     */
    private final int[] unitTable;
    private static final int UNIT_FIELDS = 6;
    private static final int ROW0 = 0;
    private static final int COL0 = 1;
    private static final int REGION = 2;
    private static final int WAFER = 3;
    private static final int ROWS = 4;
    private static final int COLS = 5;
    private final WaferOps ops;
    private final WaferFabric owner;
    private final int cols;
    /** Core and line-serialisation seconds of work run before, by instance (an expert's FFN per token count). */
    private final Map<MeshWork, double[]> workCost = new IdentityHashMap<>();

    WaferPipeline(WaferMesh[] meshes, InterWaferLinks links, int[] unitWafer, int[] unitRegion, WaferOps ops,
            WaferFabric owner) {
        if (unitWafer.length != unitRegion.length) {
            throw new IllegalArgumentException("unitWafer and unitRegion: need one entry per unit, got "
                    + unitWafer.length + " and " + unitRegion.length);
        }
        this.meshes = meshes;
        this.links = links;
        this.unitWafer = unitWafer.clone();
        this.unitRegion = unitRegion.clone();
        this.unitArea = new Region[unitWafer.length];
        this.unitTable = new int[UNIT_FIELDS * unitWafer.length];
        for (int u = 0; u < unitWafer.length; u++) {
            Region r = meshes[unitWafer[u]].wafer().region(unitRegion[u]);
            unitArea[u] = r;
            int at = UNIT_FIELDS * u;
            unitTable[at + ROW0] = r.row0();
            unitTable[at + COL0] = r.col0();
            unitTable[at + REGION] = unitRegion[u];
            unitTable[at + WAFER] = unitWafer[u];
            unitTable[at + ROWS] = r.rows();
            unitTable[at + COLS] = r.cols();
        }
        this.ops = ops;
        this.owner = owner;
        this.cols = meshes[0].wafer().spec().cols();
    }

    @Override
    public void begin(Runnable chain) {
        ops.begin(chain);
    }

    @Override
    public void deliver(Runnable done) {
        ops.finish(done);
    }

    @Override
    public void compute(int unit, Work work, Runnable done) {
        MeshWork w = (MeshWork) work;
        ops.run(meshes[unitWafer[unit]], unitRegion[unit], w.phases(), done);
    }

    @Override
    public void transfer(int from, int to, long bytes, Runnable done) {
        Region a = unitArea[from];
        long lineBytes = ceilDiv(bytes, a.rows());
        WaferMesh m = meshes[unitWafer[from]];
        if (unitWafer[from] == unitWafer[to]) {
            Region b = unitArea[to];
            ops.transfer(m, a.row0(), a.col0(), b.row0(), b.col0(), lineBytes, done);
            return;
        }
        Runnable arrive = () -> crossFrom(unitWafer[from], to, a.row0(), bytes, lineBytes, done);
        ops.transfer(m, a.row0(), a.col0(), a.row0(), cols - 1, lineBytes, arrive);
    }

    /** From the east edge of wafer w (at row) onward to unit {@code to}, possibly further wafers away. */
    private void crossFrom(int w, int to, int row, long bytes, long lineBytes, Runnable done) {
        int next = (w + 1) % meshes.length;
        ops.crossing(links, w, bytes, () -> {
            WaferMesh m = meshes[next];
            if (next == unitWafer[to]) {
                ops.transfer(m, row, 0, unitArea[to].row0(), unitArea[to].col0(), lineBytes, done);
            } else {
                ops.transfer(m, row, 0, row, cols - 1, lineBytes, () -> crossFrom(next, to, row, bytes, lineBytes, done));
            }
        });
    }

    @Override
    public void collective(Collective collective, Runnable done) {
        if (!(collective instanceof Collective.ScatterCompute sc)) {
            throw new IllegalArgumentException("collective: a wafer pipeline runs scatter-compute, got " + collective);
        }
        scatterCompute(sc, done);
    }

    /**
     * The vectors leave the root's anchor for every target as one flow of all their row shares toward the
     * farthest target (the fan-out's contended part is where it leaves the anchor); each target works from
     * the moment its vector arrives (hop latency) or its region is free, and the results come back the same
     * way once the last target is done. Every step reaches a root's targets from the same anchor, so booking
     * them all when the fan-out has left keeps each target's work in the order it arrives there.
     */
    private void scatterCompute(Collective.ScatterCompute sc, Runnable done) {
        int root = sc.root();
        Region a = unitArea[root];
        WaferMesh m = meshes[unitWafer[root]];
        long lineBytes = 0;
        Region far = null;
        int farHops = -1;
        int[] units = sc.units();
        long[] targetBytes = sc.bytes();
        int wafer = unitWafer[root];
        int rows = a.rows();
        int row0 = a.row0();
        int col0 = a.col0();
        // most targets of a chunk get the same bytes (one or two tokens each): the division is done once per value
        long lastBytes = -1;
        long lastLine = 0;
        int[] table = unitTable;
        for (int k = 0; k < sc.count(); k++) {
            int u = units[k];
            int at = UNIT_FIELDS * u;
            if (table[at + WAFER] != wafer) {
                throw new IllegalArgumentException("units: a scatter-compute stays on its root's wafer, unit " + u
                        + " is on wafer " + unitWafer[u] + ", the root on " + wafer);
            }
            if (targetBytes[k] != lastBytes) {
                lastBytes = targetBytes[k];
                lastLine = ceilDiv(lastBytes, rows);
            }
            lineBytes += lastLine;
            int hops = WaferMesh.hops(row0, col0, table[at + ROW0], table[at + COL0]);
            if (hops > farHops) {
                farHops = hops;
                far = unitArea[u];
            }
        }
        Region farthest = far;
        long bytes = lineBytes;
        ops.flowOnly(m, a.row0(), a.col0(), farthest.row0(), farthest.col0(), bytes, () -> ops.whenDue(() -> {
            double now = ops.now();
            double end = now;
            MeshWork[] work = sc.work();
            double[] c = null;
            MeshWork last = null;
            for (int k = 0; k < sc.count(); k++) {
                int at = UNIT_FIELDS * units[k];
                // consecutive targets often run the same work instance on regions of one shape
                if (work[k] != last || c[0] != table[at + ROWS] || c[1] != table[at + COLS]) {
                    last = work[k];
                    c = cost(m, units[k], last);
                }
                double h = m.hopSeconds(row0, col0, table[at + ROW0], table[at + COL0]);
                end = Math.max(end, m.reserveSeconds(table[at + REGION], c[2], c[4], c[3], now + h) + h);
            }
            ops.at(end, () -> ops.flowOnly(m, farthest.row0(), farthest.col0(), a.row0(), a.col0(), bytes, done));
        }));
    }

    /**
     * Core and line-serialisation seconds of the work on the unit's region, as {rows, cols, core s, serialisation s,
     * the region's cores x core s}: computed once per work instance and region shape.
     */
    private double[] cost(WaferMesh m, int unit, MeshWork work) {
        double[] c = workCost.get(work);
        int at = UNIT_FIELDS * unit;
        int rows = unitTable[at + ROWS];
        int cols = unitTable[at + COLS];
        if (c == null || c[0] != rows || c[1] != cols) {
            List<MeshPhase> phases = work.phases();
            double coreS = m.coreSeconds(unitRegion[unit], phases);
            c = new double[] {rows, cols, coreS, m.idleSerialisationSeconds(m.lineBytes(phases)),
                    WaferMesh.busyCoreSeconds(rows, cols, coreS)};
            workCost.put(work, c);
        }
        return c;
    }

    /** Time unit {@code unit}'s cores are busy until with the work submitted so far, seconds. */
    public double unitBusyUntilS(int unit) {
        return meshes[unitWafer[unit]].regionBusyUntilS(unitRegion[unit]);
    }

    /** Bytes handed to the meshes' links so far. */
    public long meshBytesSubmitted() {
        long b = 0;
        for (WaferMesh m : meshes) {
            b += m.bytesSubmitted();
        }
        return b;
    }

    /** Bytes the meshes' links have delivered so far (equal to those submitted once every flow has ended). */
    public long meshBytesDelivered() {
        long b = 0;
        for (WaferMesh m : meshes) {
            b += m.bytesDelivered();
        }
        return b;
    }

    /** What the pipeline's wafers' links carried so far, in the flow network's type. */
    public List<LinkClassUsage> usage() {
        return owner.usage();
    }

    @Override
    public List<LinkUsage> linkUsage() {
        return owner.linkUsage();
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
