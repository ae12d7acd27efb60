package org.fabricsim.fabric.gpu;

import java.util.BitSet;
import org.fabricsim.core.flow.FlowNetwork;

/**
 * The links of a GPU cluster in a {@link FlowNetwork}: per GPU an NVLink port to its node's NVSwitch in each
 * direction, per node an NVSwitch reduction engine (NVLS), per GPU a NIC link to and from its leaf switch, and
 * per (leaf, spine) pair an uplink and a downlink bundle. Routes are up/down: GPU, NVSwitch, GPU inside a
 * node; GPU, leaf, [spine, leaf], GPU between nodes (static ECMP: the spine is chosen by source and
 * destination). Bandwidths already include the protocol efficiencies of {@link GpuCalibration}.
 */
public final class GpuCluster {
    private final GpuClusterSpec spec;
    private final GpuCalibration calibration;
    private final FlowNetwork network;
    private final int nvlinkUp;
    private final int nvlinkDown;
    private final int nvlsEngine;
    private final int nicUp;
    private final int nicDown;
    private final int leafUp;
    private final int leafDown;
    private final int leaves;
    private final int leavesPerRail;
    private final int[][] routes;
    private final int[][] nvlsRoutes;

    public GpuCluster(GpuClusterSpec spec, GpuCalibration calibration, FlowNetwork network) {
        this(spec, calibration, network, "");
    }

    /**
     * As above, its link classes named with {@code classTag} after the class ("infiniband" + tag), so that a
     * cluster on a network shared with another system meters its busy time apart from the other's.
     */
    public GpuCluster(GpuClusterSpec spec, GpuCalibration calibration, FlowNetwork network, String classTag) {
        this.spec = spec;
        this.calibration = calibration;
        this.network = network;
        int gpus = spec.gpus();
        GpuSpec gpu = spec.gpu();
        int nvlinkClass = network.linkClass("nvlink" + classTag);
        int nvswitchClass = network.linkClass("nvswitch" + classTag);
        int ibClass = network.linkClass("infiniband" + classTag);
        double nvBw = gpu.nvlinkBytesPerSPerDirection() * calibration.nvlinkProtocolEfficiency();
        nvlinkUp = network.addLinks(gpus, nvlinkClass, nvBw, calibration.nvlinkHopLatencyS());
        nvlinkDown = network.addLinks(gpus, nvlinkClass, nvBw, calibration.nvlinkHopLatencyS());
        double nvlsBw = spec.gpusPerNode() * calibration.nvlsAlgBandwidthFraction() * gpu.nvlinkBytesPerSPerDirection();
        nvlsEngine = network.addLinks(spec.nodes(), nvswitchClass, nvlsBw, 0.0);
        double nicBw = spec.nic().bytesPerS() * calibration.infinibandEfficiency();
        nicUp = network.addLinks(gpus, ibClass, nicBw, calibration.nicLatencyS() + calibration.switchHopLatencyS());
        nicDown = network.addLinks(gpus, ibClass, nicBw, calibration.nicLatencyS());
        if (spec.topology() == FabricTopology.RAIL_OPTIMIZED) {
            leavesPerRail = ceilDiv(spec.nodes(), spec.nicsPerLeaf());
            leaves = leavesPerRail * spec.gpusPerNode();
        } else {
            leavesPerRail = 0;
            leaves = ceilDiv(gpus, spec.nicsPerLeaf());
        }
        double bundleBw = spec.nicsPerLeaf() * spec.uplinkFraction() * nicBw / spec.spines();
        int bundles = leaves > 1 ? leaves * spec.spines() : 0;
        leafUp = bundles > 0 ? network.addLinks(bundles, ibClass, bundleBw, calibration.switchHopLatencyS()) : -1;
        leafDown = bundles > 0 ? network.addLinks(bundles, ibClass, bundleBw, calibration.switchHopLatencyS()) : -1;
        routes = new int[gpus * gpus][];
        nvlsRoutes = new int[gpus][];
    }

    public GpuClusterSpec spec() {
        return spec;
    }

    public GpuCalibration calibration() {
        return calibration;
    }

    public FlowNetwork network() {
        return network;
    }

    public int gpus() {
        return spec.gpus();
    }

    public int leaves() {
        return leaves;
    }

    public int nodeOf(int gpu) {
        checkGpu(gpu);
        return gpu / spec.gpusPerNode();
    }

    /** The leaf switch a GPU's NIC is cabled to. */
    public int leafOf(int gpu) {
        checkGpu(gpu);
        int node = gpu / spec.gpusPerNode();
        if (spec.topology() == FabricTopology.RAIL_OPTIMIZED) {
            int rail = gpu % spec.gpusPerNode();
            return rail * leavesPerRail + node / spec.nicsPerLeaf();
        }
        return gpu / spec.nicsPerLeaf();
    }

    /** The link from GPU {@code gpu} through its NIC into the cluster's network (where bytes for outside leave). */
    public int nicUpLink(int gpu) {
        checkGpu(gpu);
        return nicUp + gpu;
    }

    /** The link from the cluster's network into GPU {@code gpu} through its NIC (where bytes from outside arrive). */
    public int nicDownLink(int gpu) {
        checkGpu(gpu);
        return nicDown + gpu;
    }

    /** Link ids from {@code src} to {@code dst} (the array is shared: do not modify). */
    public int[] route(int src, int dst) {
        checkGpu(src);
        checkGpu(dst);
        int key = src * spec.gpus() + dst;
        int[] r = routes[key];
        if (r == null) {
            r = buildRoute(src, dst);
            routes[key] = r;
        }
        return r;
    }

    /** The route through a node's NVSwitch reduction engine used by NVLS all-reduce: up, engine, down (shared: do not modify). */
    public int[] nvlsRoute(int gpu) {
        checkGpu(gpu);
        int[] r = nvlsRoutes[gpu];
        if (r == null) {
            r = new int[] {nvlinkUp + gpu, nvlsEngine + nodeOf(gpu), nvlinkDown + gpu};
            nvlsRoutes[gpu] = r;
        }
        return r;
    }

    /** Sum of link latencies from {@code src} to {@code dst}. */
    public double routeLatencyS(int src, int dst) {
        return network.routeLatencyS(route(src, dst));
    }

    /** Bandwidth of the narrowest link from {@code src} to {@code dst}, bytes/s (infinite for src == dst). */
    public double routeBandwidthBytesPerS(int src, int dst) {
        return network.routeBottleneckBytesPerS(route(src, dst));
    }

    private int[] buildRoute(int src, int dst) {
        if (src == dst) {
            return new int[0];
        }
        if (nodeOf(src) == nodeOf(dst)) {
            return new int[] {nvlinkUp + src, nvlinkDown + dst};
        }
        int ls = leafOf(src);
        int ld = leafOf(dst);
        if (ls == ld) {
            return new int[] {nicUp + src, nicDown + dst};
        }
        int spine = Math.floorMod(src * 31 + dst * 17, spec.spines());
        return new int[] {nicUp + src, leafUp + ls * spec.spines() + spine, leafDown + ld * spec.spines() + spine,
            nicDown + dst};
    }

    /**
     * The links a route between two of GPUs first..first+count-1 (or an NVLS all-reduce among them) can cross: NVLink
     * ports and NVSwitch of nodes holding two or more of them, and, when they span nodes, their NICs and their leaves'
     * uplink bundles. What one replica of a deployment has; every other link stays idle for it.
     */
    public BitSet linksAmong(int first, int count) {
        if (first < 0 || count < 1 || first + count > spec.gpus()) {
            throw new IllegalArgumentException("GPUs " + first + ".." + (first + count - 1) + ": must lie in [0, "
                    + spec.gpus() + ")");
        }
        BitSet links = new BitSet(network.linkCount());
        int perNode = spec.gpusPerNode();
        int end = first + count;
        int firstNode = first / perNode;
        int lastNode = (end - 1) / perNode;
        for (int n = firstNode; n <= lastNode; n++) {
            int from = Math.max(first, n * perNode);
            int to = Math.min(end, (n + 1) * perNode);
            if (to - from >= 2) {
                links.set(nvlinkUp + from, nvlinkUp + to);
                links.set(nvlinkDown + from, nvlinkDown + to);
                links.set(nvlsEngine + n);
            }
        }
        if (lastNode > firstNode) {
            links.set(nicUp + first, nicUp + end);
            links.set(nicDown + first, nicDown + end);
            BitSet leafSet = new BitSet(leaves);
            for (int g = first; g < end; g++) {
                leafSet.set(leafOf(g));
            }
            if (leafUp >= 0 && leafSet.cardinality() >= 2) {
                for (int l = leafSet.nextSetBit(0); l >= 0; l = leafSet.nextSetBit(l + 1)) {
                    links.set(leafUp + l * spec.spines(), leafUp + (l + 1) * spec.spines());
                    links.set(leafDown + l * spec.spines(), leafDown + (l + 1) * spec.spines());
                }
            }
        }
        return links;
    }

    private void checkGpu(int gpu) {
        if (gpu < 0 || gpu >= spec.gpus()) {
            throw new IllegalArgumentException("gpu: must be in [0, " + spec.gpus() + "), got " + gpu);
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
