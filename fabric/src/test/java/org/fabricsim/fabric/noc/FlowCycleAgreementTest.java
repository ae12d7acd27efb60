package org.fabricsim.fabric.noc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fabricsim.core.flow.FlowNetwork;
import org.fabricsim.core.timeline.Timeline;
import org.junit.jupiter.api.Test;

/**
 * Holds the two fidelities of the wafer mesh together: the same transfers on an otherwise idle k x k
 * mesh, once as max-min-fair flows on {@link FlowNetwork} links (bandwidth one flit per cycle, latency
 * the router's per-hop delay, XY routes) and once flit by flit on {@link CycleLevelMesh}, finish within
 * 10% of each other. Where they differ by design (who finishes first inside a contended transfer set)
 * is pinned against the analytic expectation of each model.
 */
class FlowCycleAgreementTest {
    /** WSE-2 core clock, shared/reference/hardware.md ("Core clock (WSE-2)"). */
    private static final double CLOCK_HZ = 1.1e9;
    private static final int K = 16;
    private static final RouterConfig ROUTER = RouterConfig.wafer();

    record Transfer(int src, int dst, long bytes) {
        int flits() {
            return (int) ((bytes + RouterConfig.FLIT_BYTES - 1) / RouterConfig.FLIT_BYTES);
        }
    }

    /** Completion time in seconds of each transfer, all started at time 0, on the flow model of the mesh. */
    static double[] flowModel(List<Transfer> transfers) {
        Timeline timeline = new Timeline("flow");
        FlowNetwork net = new FlowNetwork(timeline);
        double bw = RouterConfig.FLIT_BYTES * CLOCK_HZ;
        int meshClass = net.linkClass("mesh");
        int rampClass = net.linkClass("ramp");
        int nodes = K * K;
        // link ids: mesh (node, direction 1..4), then the injection ramp, then the ejection ramp of each node
        int mesh = net.addLinks(nodes * 4, meshClass, bw, ROUTER.hopCycles() / CLOCK_HZ);
        int inject = net.addLinks(nodes, rampClass, bw, 0);
        int eject = net.addLinks(nodes, rampClass, bw, ROUTER.routerCycles() / CLOCK_HZ);
        double[] done = new double[transfers.size()];
        for (int i = 0; i < transfers.size(); i++) {
            Transfer t = transfers.get(i);
            int[] route = xyRoute(t.src(), t.dst(), mesh, inject, eject);
            int index = i;
            net.transfer(route, t.flits() * (long) RouterConfig.FLIT_BYTES, f -> done[index] = timeline.now());
        }
        timeline.run();
        return done;
    }

    static int[] xyRoute(int src, int dst, int mesh, int inject, int eject) {
        List<Integer> links = new ArrayList<>();
        links.add(inject + src);
        int x = src % K, y = src / K;
        while (x != dst % K) {
            int dir = dst % K > x ? CycleLevelMesh.EAST : CycleLevelMesh.WEST;
            links.add(mesh + (y * K + x) * 4 + dir - 1);
            x += dir == CycleLevelMesh.EAST ? 1 : -1;
        }
        while (y != dst / K) {
            int dir = dst / K > y ? CycleLevelMesh.NORTH : CycleLevelMesh.SOUTH;
            links.add(mesh + (y * K + x) * 4 + dir - 1);
            y += dir == CycleLevelMesh.NORTH ? 1 : -1;
        }
        links.add(eject + dst);
        return links.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Completion time in seconds of each transfer, all handed to their sources at time 0 in list order,
     * on the cycle-level mesh run over the timeline; a tail ejected during cycle c is complete at the end
     * of that cycle.
     */
    static double[] cycleModel(List<Transfer> transfers) {
        Timeline timeline = new Timeline("cycle");
        CycleLevelMesh mesh = new CycleLevelMesh(K, K, ROUTER);
        MeshTimelineDriver driver = new MeshTimelineDriver(timeline, mesh, CLOCK_HZ, 256);
        double[] done = new double[transfers.size()];
        long[] ids = new long[transfers.size()];
        int[] remaining = {transfers.size()};
        for (int i = 0; i < transfers.size(); i++) {
            Transfer t = transfers.get(i);
            ids[i] = mesh.inject(t.src(), t.dst(), t.flits());
        }
        mesh.setListener((id, s, d, f, created, delivered) -> {
            int i = Arrays.binarySearch(ids, id);
            done[i] = driver.timeOfCycleS(delivered + 1);
            remaining[0]--;
        });
        driver.runUntil(() -> remaining[0] == 0);
        timeline.run();
        assertEquals(0, remaining[0], "every transfer arrived");
        return done;
    }

    private static double max(double[] a) {
        return Arrays.stream(a).max().orElseThrow();
    }

    private static void assertWithin(double expected, double actual, double relative, String what) {
        assertTrue(Math.abs(actual - expected) <= relative * expected,
                what + ": expected " + expected + " within " + relative * 100 + "%, got " + actual);
    }

    @Test
    void singleTransfers_idleMesh_agreeWithEachOtherAndWithZeroLoadLatency() {
        int[][] pairs = {{0, 255}, {17, 18}, {240, 15}, {100, 100}, {37, 200}};
        for (int[] p : pairs) {
            for (long bytes : new long[] {4, 256, 4096}) {
                List<Transfer> one = List.of(new Transfer(p[0], p[1], bytes));
                double flow = flowModel(one)[0];
                double cycle = cycleModel(one)[0];
                int hops = Math.abs(p[0] % K - p[1] % K) + Math.abs(p[0] / K - p[1] / K);
                double theory = (ROUTER.zeroLoadLatencyCycles(hops, (int) (bytes / 4)) + 1) / CLOCK_HZ;
                assertWithin(theory, cycle, 1e-9, "cycle model " + Arrays.toString(p) + " " + bytes + " B");
                assertWithin(theory, flow, 1e-9, "flow model " + Arrays.toString(p) + " " + bytes + " B");
            }
        }
    }

    /** GEMV row reduction: in every row, each core sends its partial sum to the core at the row's east end. */
    private static List<Transfer> rowReduction(long partialSumBytes) {
        List<Transfer> t = new ArrayList<>();
        for (int y = 0; y < K; y++) {
            for (int x = 0; x < K - 1; x++) {
                t.add(new Transfer(y * K + x, y * K + K - 1, partialSumBytes));
            }
        }
        return t;
    }

    @Test
    void gemvRowReduction_completionTimesAgreeWithin10Percent() {
        long bytes = 256; // 64 FP32 partial sums per core
        List<Transfer> t = rowReduction(bytes);
        double flow = max(flowModel(t));
        double cycle = max(cycleModel(t));
        // both are bound by the last link of each row: (K-1) partial sums through one 4 B/cycle link
        double linkBound = (K - 1) * bytes / (RouterConfig.FLIT_BYTES * CLOCK_HZ);
        assertTrue(flow >= linkBound && cycle >= linkBound, "flow " + flow + " cycle " + cycle + " bound " + linkBound);
        assertWithin(flow, cycle, 0.10, "row reduction");
    }

    /** MoE fan-out: the core holding a token's hidden vector sends it to the cores of its 8 experts. */
    private static List<Transfer> moeFanOut(long vectorBytes) {
        int src = 8 * K + 8;
        int[] experts = {0, 15, 240, 255, 3 * K + 12, 12 * K + 3, 15 * K + 8, 8 * K + 15};
        List<Transfer> t = new ArrayList<>();
        for (int e : experts) {
            t.add(new Transfer(src, e, vectorBytes));
        }
        return t;
    }

    @Test
    void moeFanOut_completionTimesAgreeWithin10Percent() {
        long bytes = 7168 * 2 / 8; // a 7168-wide BF16 hidden vector split 8 ways (Kimi K2 hidden size)
        List<Transfer> t = moeFanOut(bytes);
        double flow = max(flowModel(t));
        double cycle = max(cycleModel(t));
        double rampBound = 8 * bytes / (RouterConfig.FLIT_BYTES * CLOCK_HZ);
        assertTrue(flow >= rampBound && cycle >= rampBound, "flow " + flow + " cycle " + cycle + " bound " + rampBound);
        assertWithin(flow, cycle, 0.10, "MoE fan-out");
    }

    @Test
    void moeFanOut_perMessageOrderDiffers_fifoSourceVersusFairShare() {
        long bytes = 1024;
        List<Transfer> t = moeFanOut(bytes);
        double[] flow = flowModel(t);
        double[] cycle = cycleModel(t);
        double serialS = bytes / (RouterConfig.FLIT_BYTES * CLOCK_HZ);
        for (int i = 0; i < t.size(); i++) {
            int hops = Math.abs(t.get(i).src() % K - t.get(i).dst() % K) + Math.abs(t.get(i).src() / K - t.get(i).dst() / K);
            double latencyS = (hops * ROUTER.hopCycles() + ROUTER.routerCycles()) / CLOCK_HZ;
            // flow model: the 8 flows share the injection ramp equally, so all finish after 8 serialisations
            assertWithin(8 * serialS + latencyS, flow[i], 0.01, "flow message " + i);
            // cycle model: the source's queue sends whole packets in order, message i after i + 1 serialisations
            assertWithin((i + 1) * serialS + latencyS, cycle[i], 0.02, "cycle message " + i);
        }
    }
}
