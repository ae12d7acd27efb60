package org.fabricsim.fabric.gpu;

import java.util.HashMap;
import java.util.Map;
import org.fabricsim.core.flow.FlowNetwork;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.api.KernelWork;
import org.fabricsim.fabric.api.MathPrecision;

/**
 * Collectives built from flows on a {@link GpuCluster}, so that they contend with every other transfer on the
 * same links. A collective of s steps is modelled as one phase: after s per-step overheads and (s - 1) extra
 * route latencies (the steps' critical path) every participant's whole share moves as one flow, so the
 * bandwidth term comes from the links and their sharing, and the small-message latency from hops and steps.
 * (Chunk pipelining in NCCL makes the steps overlap their transfers; one flow per participant is that limit
 * and keeps the event count at n per collective.)
 */
public final class Collectives {
    private final GpuCluster cluster;
    private final FlowNetwork network;
    private final Timeline timeline;
    private final GpuCalibration calibration;
    /** Times the all-to-all's packing and unpacking, which are HBM work on the GPUs at each end. */
    private final KernelModel kernels;
    /** Per GPU group that ran an all-to-all, its pair routes and latencies (few groups: one per stage and replica). */
    private final java.util.List<PairRoutes> pairRoutes = new java.util.ArrayList<>();
    /** The array each entry of {@link #pairRoutes} was last asked for with, to find it by identity first. */
    private final java.util.List<int[]> pairRoutesOf = new java.util.ArrayList<>();
    private static final int PAIR_ROUTE_GROUPS = 64;
    // Recent all-reduce plans (immutable once built), replaced round-robin.
    private static final int PLAN_CACHE = 8;
    private final CollectivePlan[] cachedPlans = new CollectivePlan[PLAN_CACHE];
    private final int[][] cachedGpus = new int[PLAN_CACHE][];
    private final long[] cachedBytes = new long[PLAN_CACHE];
    private final AllReduceAlgorithm[] cachedAlgorithms = new AllReduceAlgorithm[PLAN_CACHE];
    private int nextCached;

    public Collectives(GpuCluster cluster, Timeline timeline) {
        this.cluster = cluster;
        this.network = cluster.network();
        this.timeline = timeline;
        this.calibration = cluster.calibration();
        this.kernels = new KernelModel(cluster.spec().gpu(), calibration, true);
    }

    public GpuCluster cluster() {
        return cluster;
    }

    /** Bytes each GPU sends in a ring all-reduce of {@code bytes}: 2(n-1)/n of the buffer. */
    public static long ringBytesPerGpu(int n, long bytes) {
        return n <= 1 ? 0 : (2L * (n - 1) * bytes + n - 1) / n;
    }

    /** Steps of an algorithm on n GPUs. */
    public static int steps(AllReduceAlgorithm algorithm, int n) {
        if (n <= 1) {
            return 0;
        }
        return switch (algorithm) {
            case RING -> 2 * (n - 1);
            case TREE -> 2 * (32 - Integer.numberOfLeadingZeros(n - 1));
            case NVLS -> 2;
            case AUTO -> throw new IllegalArgumentException("algorithm: resolve AUTO first");
        };
    }

    /** Sums {@code bytes} over {@code gpus}, leaving the sum on every GPU; {@code done} runs when all have it. */
    public void allReduce(int[] gpus, long bytes, AllReduceAlgorithm algorithm, Runnable done) {
        allReduce(gpus, bytes, algorithm, 0.0, done);
    }

    /** As {@link #allReduce(int[], long, AllReduceAlgorithm, Runnable)}, starting after {@code afterS} (e.g. the compute before it). */
    public void allReduce(int[] gpus, long bytes, AllReduceAlgorithm algorithm, double afterS, Runnable done) {
        run(cachedPlan(gpus, bytes, algorithm), afterS, done);
    }

    /**
     * As {@link #allReduce(int[], long, AllReduceAlgorithm, double, Runnable)} for a caller that guarantees no other
     * transfer uses these GPUs' links until it completes (e.g. a replica alone on its node, one collective at a
     * time): its flows start as an isolated group ({@link FlowNetwork#transferIsolatedGroup}), which the network
     * runs in closed form, one event instead of 2 per flow, when they are equal on every link and the links idle.
     */
    public void allReduceOnOwnLinks(int[] gpus, long bytes, AllReduceAlgorithm algorithm, double afterS, Runnable done) {
        runOnOwnLinks(cachedPlan(gpus, bytes, algorithm), afterS, done);
    }

    /** The all-reduce plan, reused while the same GPUs reduce the same bytes (every layer of a step does). */
    private CollectivePlan cachedPlan(int[] gpus, long bytes, AllReduceAlgorithm algorithm) {
        for (int i = 0; i < PLAN_CACHE; i++) {
            if (cachedPlans[i] != null && cachedBytes[i] == bytes && cachedAlgorithms[i] == algorithm
                    && java.util.Arrays.equals(cachedGpus[i], gpus)) {
                return cachedPlans[i];
            }
        }
        CollectivePlan p = plan(gpus, bytes, algorithm);
        int i = nextCached;
        nextCached = (nextCached + 1) % PLAN_CACHE;
        cachedPlans[i] = p;
        cachedGpus[i] = gpus.clone();
        cachedBytes[i] = bytes;
        cachedAlgorithms[i] = algorithm;
        return p;
    }

    /** As {@link #allToAll(int[], long[][], double, Runnable)} under the guarantee of {@link #allReduceOnOwnLinks}. */
    public void allToAllOnOwnLinks(int[] gpus, long[][] bytes, double afterS, Runnable done) {
        runOnOwnLinks(allToAllPlan(gpus, bytes), afterS, done);
    }

    /** The algorithm AUTO resolves to. */
    public AllReduceAlgorithm resolve(int[] gpus, long bytes, AllReduceAlgorithm algorithm) {
        if (algorithm != AllReduceAlgorithm.AUTO) {
            return algorithm;
        }
        if (gpus.length > 1 && sameNode(gpus)) {
            return AllReduceAlgorithm.NVLS;
        }
        double ring = estimate(plan(gpus, bytes, AllReduceAlgorithm.RING));
        double tree = estimate(plan(gpus, bytes, AllReduceAlgorithm.TREE));
        return ring <= tree ? AllReduceAlgorithm.RING : AllReduceAlgorithm.TREE;
    }

    /** Time the all-reduce takes with no other traffic (the flows' own sharing included). */
    public double estimateAllReduceS(int[] gpus, long bytes, AllReduceAlgorithm algorithm) {
        return estimate(plan(gpus, bytes, algorithm));
    }

    /**
     * Every GPU i sends {@code bytes[i][j]} to GPU j, all pairs at once as one flow each (as DeepEP's
     * low-latency dispatch and combine do): one step plus its count exchange, packing and unpacking ({@link #protocolS}).
     */
    public void allToAll(int[] gpus, long[][] bytes, Runnable done) {
        allToAll(gpus, bytes, 0.0, done);
    }

    /** As {@link #allToAll(int[], long[][], Runnable)}, starting after {@code afterS}. */
    public void allToAll(int[] gpus, long[][] bytes, double afterS, Runnable done) {
        run(allToAllPlan(gpus, bytes), afterS, done);
    }

    /** Time the all-to-all takes with no other traffic. */
    public double estimateAllToAllS(int[] gpus, long[][] bytes) {
        return estimate(allToAllPlan(gpus, bytes));
    }

    /** Sends {@code bytes} from one GPU to another (e.g. activations between pipeline stages); one step. */
    public void pointToPoint(int src, int dst, long bytes, Runnable done) {
        pointToPoint(src, dst, bytes, 0.0, done);
    }

    /** As {@link #pointToPoint(int, int, long, Runnable)}, starting after {@code afterS}. */
    public void pointToPoint(int src, int dst, long bytes, double afterS, Runnable done) {
        CollectivePlan p = new CollectivePlan(1, 1);
        if (src != dst) {
            p.add(cluster.route(src, dst), bytes);
        }
        run(p, afterS, done);
    }

    private CollectivePlan plan(int[] gpus, long bytes, AllReduceAlgorithm algorithm) {
        int n = gpus.length;
        if (n == 0) {
            throw new IllegalArgumentException("gpus: must not be empty");
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes: must be >= 0, got " + bytes);
        }
        AllReduceAlgorithm a = resolve(gpus, bytes, algorithm);
        if (n == 1) {
            return new CollectivePlan(0, 0);
        }
        CollectivePlan p;
        switch (a) {
            case RING -> {
                int[][] rings = rings(gpus);
                p = new CollectivePlan(steps(a, n), n * rings.length);
                long share = (ringBytesPerGpu(n, bytes) + rings.length - 1) / rings.length;
                for (int[] ring : rings) {
                    for (int i = 0; i < n; i++) {
                        p.add(cluster.route(ring[i], ring[(i + 1) % n]), share);
                    }
                }
            }
            case TREE -> {
                p = new CollectivePlan(steps(a, n), 2 * (n - 1));
                for (int i = 1; i < n; i++) {
                    int parent = (i - 1) / 2;
                    p.add(cluster.route(gpus[i], gpus[parent]), bytes);
                    p.add(cluster.route(gpus[parent], gpus[i]), bytes);
                }
            }
            case NVLS -> {
                if (!sameNode(gpus)) {
                    throw new IllegalArgumentException("algorithm: NVLS needs all GPUs on one NVSwitch node");
                }
                p = new CollectivePlan(steps(a, n), n);
                for (int g : gpus) {
                    p.add(cluster.nvlsRoute(g), bytes);
                }
            }
            default -> throw new IllegalStateException();
        }
        return p;
    }

    /**
     * The rings of a ring all-reduce. Inside one node, one ring. Across nodes, one ring (NCCL channel) per GPU of a
     * node, each visiting the nodes in order and each node's GPUs rotated by the channel index, so that every
     * channel leaves each node through a different GPU's NIC and all NICs carry a share, as NCCL's rings do.
     */
    private int[][] rings(int[] gpus) {
        java.util.LinkedHashMap<Integer, java.util.List<Integer>> byNode = new java.util.LinkedHashMap<>();
        for (int g : gpus) {
            byNode.computeIfAbsent(cluster.nodeOf(g), k -> new java.util.ArrayList<>()).add(g);
        }
        if (byNode.size() == 1) {
            return new int[][] {gpus};
        }
        int channels = Integer.MAX_VALUE;
        for (java.util.List<Integer> local : byNode.values()) {
            channels = Math.min(channels, local.size());
        }
        int[][] rings = new int[channels][gpus.length];
        for (int c = 0; c < channels; c++) {
            int i = 0;
            for (java.util.List<Integer> local : byNode.values()) {
                for (int k = 0; k < local.size(); k++) {
                    rings[c][i++] = local.get((k + c) % local.size());
                }
            }
        }
        return rings;
    }

    /**
     * The all-to-all as one flow per link it crosses, carrying the sum of the bytes of every pair routed over that
     * link (a per-port aggregate: GPU i's total send on its uplink, GPU j's total receive on its downlink, each
     * fabric bundle's total). On a non-blocking crossbar the pairwise flows' makespan is set by these port loads;
     * n(n-1) pairwise flows would cost n^2 flow events and component re-solves per phase for the same bound.
     * Each aggregate still shares its link max-min with any other traffic there. Its completion is followed by the
     * rest of the longest pair route through it ({@link CollectivePlan#tailS}), so idle times match the pairwise flows'.
     */
    private CollectivePlan allToAllPlan(int[] gpus, long[][] bytes) {
        int n = gpus.length;
        if (bytes.length != n) {
            throw new IllegalArgumentException("bytes: must be " + n + " x " + n + ", got " + bytes.length + " rows");
        }
        PairRoutes pairs = pairRoutes(gpus);
        int touched = pairs.aggregate(bytes);
        CollectivePlan p = new CollectivePlan(1, touched);
        p.fixedS = touched == 0 ? 0 : protocolS(pairs.busiestSend(), pairs.busiestReceive(), pairs.longestPairS());
        p.tailS = new double[Math.max(1, touched)];
        for (int k = 0; k < touched; k++) {
            p.tailS[k] = pairs.flowTailS(k);
            p.add(pairs.flowRoute(k), pairs.flowBytes(k));
        }
        return p;
    }

    /** The pair routes of the group's GPUs: built on its first all-to-all, then kept (a stage's GPUs stay the same). */
    private PairRoutes pairRoutes(int[] gpus) {
        for (int k = 0; k < pairRoutes.size(); k++) {
            if (pairRoutesOf.get(k) == gpus) {
                return pairRoutes.get(k);
            }
        }
        for (int k = 0; k < pairRoutes.size(); k++) {
            if (pairRoutes.get(k).of(gpus)) {
                pairRoutesOf.set(k, gpus);
                return pairRoutes.get(k);
            }
        }
        if (pairRoutes.size() == PAIR_ROUTE_GROUPS) {
            // a caller of ever new groups (estimates over many) keeps the tables bounded; routes are rebuilt alike
            pairRoutes.clear();
            pairRoutesOf.clear();
        }
        PairRoutes r = new PairRoutes(cluster, network, gpus);
        pairRoutes.add(r);
        pairRoutesOf.add(gpus);
        return r;
    }

    /**
     * What a DeepEP-style dispatch or combine costs besides its bytes on the links: a protocol step in which every
     * rank writes its per-destination token counts to every other and waits for all of theirs (one step overhead and
     * the longest pair route), and the packing of the busiest sender's tokens into per-destination buffers and the
     * unpacking of the busiest receiver's into per-expert ones, each an HBM read and write of those bytes.
     */
    private double protocolS(long busiestSend, long busiestReceive, double longestPairS) {
        double pack = kernels.busyS(KernelWork.streaming(0, 2.0 * busiestSend,
                MathPrecision.BF16));
        double unpack = kernels.busyS(KernelWork.streaming(0, 2.0 * busiestReceive,
                MathPrecision.BF16));
        return calibration.collectiveStepOverheadS() + longestPairS + pack + unpack;
    }

    private boolean sameNode(int[] gpus) {
        int node = cluster.nodeOf(gpus[0]);
        for (int g : gpus) {
            if (cluster.nodeOf(g) != node) {
                return false;
            }
        }
        return true;
    }

    private double startDelayS(CollectivePlan p) {
        if (!Double.isNaN(p.startDelayS)) {
            return p.startDelayS;
        }
        p.startDelayS = computeStartDelayS(p);
        return p.startDelayS;
    }

    private double computeStartDelayS(CollectivePlan p) {
        double maxLatency = 0;
        // one step (an all-to-all, a point-to-point) adds no route latency: 0 x the longest, so none is summed
        for (int f = 0; p.steps > 1 && f < p.flows; f++) {
            maxLatency = Math.max(maxLatency, latencyS(p.routes[f]));
        }
        return p.fixedS + p.steps * calibration.collectiveStepOverheadS() + Math.max(0, p.steps - 1) * maxLatency;
    }

    private double latencyS(int[] route) {
        double s = 0;
        for (int link : route) {
            s += network.linkLatencyS(link);
        }
        return s;
    }

    private double estimate(CollectivePlan p) {
        if (p.flows == 0) {
            return p.fixedS + p.steps * calibration.collectiveStepOverheadS();
        }
        Map<Integer, Integer> flowsPerLink = new HashMap<>();
        for (int f = 0; f < p.flows; f++) {
            for (int link : p.routes[f]) {
                flowsPerLink.merge(link, 1, Integer::sum);
            }
        }
        double worst = 0;
        for (int f = 0; f < p.flows; f++) {
            double rate = Double.POSITIVE_INFINITY;
            for (int link : p.routes[f]) {
                rate = Math.min(rate, network.linkBandwidthBytesPerS(link) / flowsPerLink.get(link));
            }
            double tail = p.tailS == null ? 0 : p.tailS[f];
            worst = Math.max(worst, latencyS(p.routes[f]) + p.bytes[f] / rate + tail);
        }
        return startDelayS(p) + worst;
    }

    private void run(CollectivePlan p, double afterS, Runnable done) {
        if (!(afterS >= 0)) {
            throw new IllegalArgumentException("afterS: must be >= 0, got " + afterS);
        }
        if (p.flows == 0) {
            timeline.after(afterS + p.fixedS + p.steps * calibration.collectiveStepOverheadS(), done);
            return;
        }
        timeline.after(afterS + startDelayS(p), () -> network.transferGroup(p.group(), done));
    }

    private void runOnOwnLinks(CollectivePlan p, double afterS, Runnable done) {
        if (!(afterS >= 0)) {
            throw new IllegalArgumentException("afterS: must be >= 0, got " + afterS);
        }
        if (p.flows == 0) {
            run(p, afterS, done);
            return;
        }
        timeline.after(afterS + startDelayS(p), () -> network.transferIsolatedGroup(p.group(), done));
    }
}
