package org.fabricsim.fabric.wafer;

import org.fabricsim.fabric.api.MeshAxis;
import org.fabricsim.fabric.api.MeshPhase;
import org.fabricsim.fabric.api.Region;
import org.fabricsim.fabric.noc.CycleLevelMesh;
import java.util.Arrays;
import java.util.List;
import org.fabricsim.core.flow.FlowNetwork;
import org.fabricsim.core.queue.FifoBookings;
import org.fabricsim.core.timeline.Timeline;

/**
 * Runs mesh operations of one wafer on the timeline. A region's cores serve its work in submission
 * order (busy-until); the geometric critical path (hops x alpha, reduction stages x beta, per-core
 * compute) is a delay computed from the region's shape, and the bytes a line of cores must serialise
 * are flows on the mesh's real links along XY routes in the shared {@link FlowNetwork}, where they
 * contend with every other transfer crossing those links. Mesh links are registered in the network on
 * first use, so an idle part of the 3.6 M-link mesh costs nothing.
 */
public final class WaferMesh {
    private final Wafer wafer;
    private final MeshCostModel cost;
    private final FlowNetwork network;
    private final int meshLinkClass;
    private final Timeline timeline;
    private final int[][] networkLinkByRow;
    /** Each region's cores, a FIFO server booked as work arrives. */
    private final FifoBookings regionCoresFree = new FifoBookings();
    private double[] regionCores = new double[0];
    /** Core-seconds of compute booked so far: a region's cores times the seconds they compute, summed. */
    private double busyCoreSeconds;
    private long bytesSubmitted;
    private long bytesDelivered;

    /** Used for each region's representative line: XY route from its anchor to its far corner. */
    private int[][] regionRouteNetwork = new int[0][];
    /** Routes between two cores by their packed coordinates, built once. */
    private final RouteTable routeCache = new RouteTable();
    /** (axis, reduce) pairs a phase's communication cycles depend on, with the region. */
    private static final int COMMUNICATION_KINDS = 2 * MeshAxis.values().length;
    /** Communication cycles by (region, axis, reduce), NaN until asked for. */
    private double[] regionCommunicationCycles = new double[0];

    public WaferMesh(Wafer wafer, MeshCostModel cost, FlowNetwork network, int meshLinkClass, Timeline timeline) {
        this.wafer = wafer;
        this.cost = cost;
        this.network = network;
        this.meshLinkClass = meshLinkClass;
        this.timeline = timeline;
        this.networkLinkByRow = new int[wafer.spec().rows()][];
    }

    /**
     * Mesh hops on the XY route from core (r0, c0) to core (r1, c1): the one hop count every cost of the wafer uses
     * (moves, fan-outs, the legs to and from the inter-wafer links, idle-pipeline costs).
     */
    public static int hops(int r0, int c0, int r1, int c1) {
        return CycleLevelMesh.hops(c0, r0, c1, r1);
    }

    public Wafer wafer() {
        return wafer;
    }

    public MeshCostModel cost() {
        return cost;
    }

    /** Critical-path seconds of the phases on an idle region, serialisation on idle links included. */
    public double idleSeconds(int regionId, List<MeshPhase> phases) {
        WaferSpec spec = wafer.spec();
        return (fixedCycles(regionId, phases) + (double) serialBytes(phases) / spec.linkBytesPerCycle()) / spec.clockHz();
    }

    private double fixedCycles(int regionId, List<MeshPhase> phases) {
        WaferSpec spec = wafer.spec();
        double cycles = 0;
        for (int i = 0, n = phases.size(); i < n; i++) {
            MeshPhase p = phases.get(i);
            cycles += cost.phaseCycles(spec, p, communicationCycles(regionId, p));
        }
        return cycles;
    }

    /**
     * The cost model's communication cycles of the phase on the region, kept per (region, axis, reduce): they depend
     * on nothing else, and a layer's every block asks for them (square roots and divisions of the reduction scheme).
     */
    private double communicationCycles(int regionId, MeshPhase p) {
        int key = COMMUNICATION_KINDS * regionId + 2 * p.axis().ordinal() + (p.reduce() ? 1 : 0);
        if (key >= regionCommunicationCycles.length) {
            int from = regionCommunicationCycles.length;
            regionCommunicationCycles = Arrays.copyOf(regionCommunicationCycles,
                    Math.max(key + 1, 2 * regionCommunicationCycles.length));
            Arrays.fill(regionCommunicationCycles, from, regionCommunicationCycles.length, Double.NaN);
        }
        double c = regionCommunicationCycles[key];
        if (Double.isNaN(c)) {
            c = cost.communicationCycles(wafer.spec(), wafer.region(regionId), p);
            regionCommunicationCycles[key] = c;
        }
        return c;
    }

    private long serialBytes(List<MeshPhase> phases) {
        long bytes = 0;
        for (MeshPhase p : phases) {
            bytes += cost.serialBytes(p);
        }
        return bytes;
    }

    /**
     * Runs the phases on the region: the cores start when they have finished earlier work, spend the
     * phases' critical-path cycles, and the serialised bytes then cross the region's representative
     * line as one flow; {@code done} runs when it has arrived.
     */
    public void run(int regionId, List<MeshPhase> phases, Runnable done) {
        double fixedS = fixedCycles(regionId, phases) / wafer.spec().clockHz();
        long bytes = serialBytes(phases);
        ensureRegionState(regionId);
        double coresFree = regionCoresFree.book(regionId, timeline.now(), fixedS);
        busyCoreSeconds += regionCores[regionId] * fixedS;
        Runnable afterCores = () -> {
            if (bytes == 0) {
                done.run();
            } else {
                Region r = wafer.region(regionId);
                if (regionRouteNetwork[regionId] == null) {
                    regionRouteNetwork[regionId] = networkRoute(
                            localRoute(r.row0(), r.col0(), r.row0() + r.rows() - 1, r.col0() + r.cols() - 1));
                }
                flow(regionRouteNetwork[regionId], bytes, done);
            }
        };
        timeline.at(coresFree, afterCores);
    }

    /**
     * Books the phases on the region's cores from {@code arrivalS} (or when they are free) without
     * events of its own, and returns when the result is ready: the critical path plus the serialisation
     * of its line, taken as uncontended. For many small regions working at once (the experts of an
     * MoE layer), whose lines no other traffic uses, this replaces {@link #run} at a fraction of the cost;
     * fidelity analytic books every region's work so.
     */
    public double reserve(int regionId, List<MeshPhase> phases, double arrivalS) {
        return reserveSeconds(regionId, coreSeconds(regionId, phases), idleSerialisationSeconds(serialBytes(phases)),
                arrivalS);
    }

    /** As {@link #reserve(int, List, double)} for work whose core seconds and line serialisation are known. */
    public double reserveSeconds(int regionId, double coreS, double serialS, double arrivalS) {
        ensureRegionState(regionId);
        return reserveSeconds(regionId, coreS, regionCores[regionId] * coreS, serialS, arrivalS);
    }

    /**
     * As {@link #reserveSeconds(int, double, double, double)} with the core-seconds the work books already known
     * ({@link #busyCoreSeconds(int, int, double)} of the region's shape): a scatter-compute books ~100 regions of one
     * shape and reads none of their core counts.
     */
    public double reserveSeconds(int regionId, double coreS, double busyCoreS, double serialS, double arrivalS) {
        double coresFree = regionCoresFree.book(regionId, arrivalS, coreS);
        busyCoreSeconds += busyCoreS;
        return coresFree + serialS;
    }

    /** Core-seconds that {@code coreS} of work books on a region of {@code rows} x {@code cols} cores. */
    public static double busyCoreSeconds(int rows, int cols, double coreS) {
        return (double) rows * cols * coreS;
    }

    /** Seconds the region's cores spend on the phases (their critical path without serialisation). */
    public double coreSeconds(int regionId, List<MeshPhase> phases) {
        return fixedCycles(regionId, phases) / wafer.spec().clockHz();
    }

    /** Bytes the phases serialise through one line of the region. */
    public long lineBytes(List<MeshPhase> phases) {
        return serialBytes(phases);
    }

    /** Seconds of hop latency between two cores (Manhattan distance x alpha). */
    public double hopSeconds(int r0, int c0, int r1, int c1) {
        return hops(r0, c0, r1, c1) * wafer.spec().hopCycles() / wafer.spec().clockHz();
    }

    /**
     * Moves bytes along the XY route as one flow, without the route's hop latency (the caller accounts
     * for it): the contended part of a fan-out or fan-in that leaves or enters one core.
     */
    public void flowOnly(int r0, int c0, int r1, int c1, long bytes, Runnable done) {
        if (r0 == r1 && c0 == c1) {
            timeline.after(0, done);
            return;
        }
        flow(cachedRoute(r0, c0, r1, c1), bytes, done);
    }

    private int[] cachedRoute(int r0, int c0, int r1, int c1) {
        long key = ((long) r0 << 48) | ((long) c0 << 32) | ((long) r1 << 16) | c1;
        int[] route = routeCache.get(key);
        if (route == null) {
            route = networkRoute(localRoute(r0, c0, r1, c1));
            routeCache.put(key, route);
        }
        return route;
    }

    /** Time the region's cores are busy until (its queue of submitted work), seconds. */
    public double regionBusyUntilS(int regionId) {
        ensureRegionState(regionId);
        return regionCoresFree.freeAtS(regionId);
    }

    /**
     * Moves bytes from core (r0, c0) to core (r1, c1) along the XY route: one flow on its links, then
     * the route's hop latency.
     */
    public void transfer(int r0, int c0, int r1, int c1, long bytes, Runnable done) {
        int hops = hops(r0, c0, r1, c1);
        double latencyS = hops * wafer.spec().hopCycles() / wafer.spec().clockHz();
        if (hops == 0) {
            timeline.after(0, done);
            return;
        }
        flow(cachedRoute(r0, c0, r1, c1), bytes, () -> timeline.after(latencyS, done));
    }

    /** Moves bytes from one region's anchor to another's. */
    public void transfer(int fromRegion, int toRegion, long bytes, Runnable done) {
        Region a = wafer.region(fromRegion);
        Region b = wafer.region(toRegion);
        transfer(a.row0(), a.col0(), b.row0(), b.col0(), bytes, done);
    }

    /** Seconds an idle transfer between two cores takes. */
    public double idleTransferSeconds(int r0, int c0, int r1, int c1, long bytes) {
        int hops = hops(r0, c0, r1, c1);
        if (hops == 0) {
            return 0;
        }
        WaferSpec s = wafer.spec();
        return (hops * s.hopCycles() + (double) bytes / s.linkBytesPerCycle()) / s.clockHz();
    }

    /** Seconds {@code bytes} take to serialise onto an idle mesh link (no hop latency). */
    public double idleSerialisationSeconds(long bytes) {
        WaferSpec s = wafer.spec();
        return (double) bytes / s.linkBytesPerCycle() / s.clockHz();
    }

    private void flow(int[] route, long bytes, Runnable done) {
        bytesSubmitted += bytes;
        network.transfer(route, bytes, f -> {
            bytesDelivered += bytes;
            done.run();
        });
    }

    /** Bytes carried so far by the directed link leaving (row, col) in direction dir (0 if never used). */
    public double linkBytes(int row, int col, int dir) {
        int[] links = networkLinkByRow[row];
        int id = links == null ? -1 : links[col * 4 + dir];
        return id < 0 ? 0 : network.bytesCarried(id);
    }

    /** Sum over this wafer's links of the bytes each carried (a transfer counts once per link crossed). */
    public double totalLinkBytes() {
        double n = 0;
        for (int[] row : networkLinkByRow) {
            if (row != null) {
                for (int id : row) {
                    n += id < 0 ? 0 : network.bytesCarried(id);
                }
            }
        }
        return n;
    }

    /** Bytes handed to the mesh's links so far, and bytes that have arrived. */
    public long bytesSubmitted() {
        return bytesSubmitted;
    }

    public long bytesDelivered() {
        return bytesDelivered;
    }

    /** Wafer-local link indices of the XY route (along the row first, then the column). */
    public int[] localRoute(int r0, int c0, int r1, int c1) {
        int hops = hops(r0, c0, r1, c1);
        int[] route = new int[hops];
        int i = 0;
        int c = c0;
        while (c != c1) {
            int dir = c1 > c ? Wafer.EAST : Wafer.WEST;
            route[i++] = wafer.linkIndex(r0, c, dir);
            c += c1 > c ? 1 : -1;
        }
        int r = r0;
        while (r != r1) {
            int dir = r1 > r ? Wafer.SOUTH : Wafer.NORTH;
            route[i++] = wafer.linkIndex(r, c1, dir);
            r += r1 > r ? 1 : -1;
        }
        return route;
    }

    private int[] networkRoute(int[] local) {
        int[] ids = new int[local.length];
        int perRow = wafer.spec().cols() * 4;
        for (int i = 0; i < local.length; i++) {
            int row = local[i] / perRow;
            int[] links = networkLinkByRow[row];
            if (links == null) {
                links = new int[perRow];
                Arrays.fill(links, -1);
                networkLinkByRow[row] = links;
            }
            int k = local[i] - row * perRow;
            if (links[k] < 0) {
                links[k] = network.addLink(meshLinkClass, wafer.spec().linkBandwidthBytesPerS(), 0.0);
            }
            ids[i] = links[k];
        }
        return ids;
    }

    private void ensureRegionState(int regionId) {
        if (regionId >= regionCores.length) {
            int n = Math.max(regionId + 1, wafer.regionCount());
            int from = regionCores.length;
            regionCoresFree.grow(n);
            regionRouteNetwork = Arrays.copyOf(regionRouteNetwork, n);
            regionCores = Arrays.copyOf(regionCores, n);
            for (int r = from; r < Math.min(n, wafer.regionCount()); r++) {
                Region region = wafer.region(r);
                regionCores[r] = (double) region.rows() * region.cols();
                // busyCoreSeconds(rows, cols, coreS) is this times coreS: the same double
            }
        }
    }

    /** Core-seconds of compute booked on this wafer so far (the energy meter's busy time, over its cores). */
    public double busyCoreSeconds() {
        return busyCoreSeconds;
    }
}
