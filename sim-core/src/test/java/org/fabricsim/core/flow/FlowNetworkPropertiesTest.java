package org.fabricsim.core.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.fabricsim.core.random.RandomStreams;
import org.fabricsim.core.timeline.Timeline;
import org.junit.jupiter.api.Test;

/** Conservation, the max-min optimality conditions on a random graph, locality and utilisation. */
class FlowNetworkPropertiesTest {
    private final Timeline timeline = new Timeline();
    private final FlowNetwork net = new FlowNetwork(timeline);

    /** A flow as the test started it. */
    private record Started(ActiveFlow flow, int[] route, double capBytesPerS) {
    }

    /** Random graph: a bidirectional ring (connected) plus random chords; routes are BFS shortest paths. */
    private static final class Graph {
        final int nodes;
        final List<int[]> out = new ArrayList<>(); // per node: pairs (neighbour, link)
        final Map<Long, Integer> linkOf = new HashMap<>();

        Graph(int nodes) {
            this.nodes = nodes;
            for (int i = 0; i < nodes; i++) {
                out.add(new int[0]);
            }
        }

        void addEdge(int from, int to, int link) {
            int[] o = out.get(from);
            int[] n = Arrays.copyOf(o, o.length + 2);
            n[o.length] = to;
            n[o.length + 1] = link;
            out.set(from, n);
            linkOf.put(((long) from << 32) | to, link);
        }

        int[] route(int src, int dst) {
            int[] prev = new int[nodes];
            int[] prevLink = new int[nodes];
            Arrays.fill(prev, -1);
            prev[src] = src;
            ArrayDeque<Integer> q = new ArrayDeque<>();
            q.add(src);
            while (!q.isEmpty()) {
                int u = q.poll();
                int[] o = out.get(u);
                for (int i = 0; i < o.length; i += 2) {
                    if (prev[o[i]] < 0) {
                        prev[o[i]] = u;
                        prevLink[o[i]] = o[i + 1];
                        q.add(o[i]);
                    }
                }
            }
            int len = 0;
            for (int v = dst; v != src; v = prev[v]) {
                len++;
            }
            int[] r = new int[len];
            for (int v = dst; v != src; v = prev[v]) {
                r[--len] = prevLink[v];
            }
            return r;
        }
    }

    @Test
    void randomFlowsOnRandomGraph_bytesConservedCapacityRespectedAndMaxMinOptimal() {
        randomFlowsOnRandomGraph(2024, 0);
    }

    @Test
    void randomBatchedFlowsOnRandomGraph_simultaneousStartsAndEndsStayExact() {
        // Starts on a 20 us grid (about ten per instant) and sizes in whole 64 KiB units, so that many
        // flows start, and some end, in the same instant and share one recompute.
        randomFlowsOnRandomGraph(7, 2e-5);
    }

    private void randomFlowsOnRandomGraph(long seed, double startGridS) {
        RandomGenerator rng = new RandomStreams(seed).stream("flow-graph");
        int mesh = net.linkClass("mesh");
        int wide = net.linkClass("wide");
        int nodes = 40;
        Graph g = new Graph(nodes);
        for (int i = 0; i < nodes; i++) {
            int j = (i + 1) % nodes;
            g.addEdge(i, j, net.addLink(mesh, 1e9, 1e-7));
            g.addEdge(j, i, net.addLink(mesh, 1e9, 1e-7));
        }
        for (int k = 0; k < 60; k++) {
            int i = rng.nextInt(nodes);
            int j = rng.nextInt(nodes);
            if (i != j && !g.linkOf.containsKey(((long) i << 32) | j)) {
                double bw = 1e9 * (1 + 9 * rng.nextDouble());
                g.addEdge(i, j, net.addLink(wide, bw, 1e-6 * rng.nextDouble()));
                g.addEdge(j, i, net.addLink(wide, bw, 1e-6 * rng.nextDouble()));
            }
        }
        int flows = 3000;
        List<Started> started = new ArrayList<>();
        Map<ActiveFlow, Double> completedAt = new HashMap<>();
        double t = 0;
        for (int k = 0; k < flows; k++) {
            t += -Math.log(1 - rng.nextDouble()) * 1e-5; // Poisson starts: 200-300 flows sending at once
            int src = rng.nextInt(nodes);
            int dst = (src + 1 + rng.nextInt(nodes - 1)) % nodes;
            int[] route = g.route(src, dst);
            long bytes = rng.nextInt(10) == 0 ? 0 : 1 + (long) (rng.nextDouble() * 1e6);
            if (startGridS > 0) {
                bytes = (bytes >> 16) << 16;
            }
            double cap = rng.nextInt(5) == 0 ? 1e8 * (1 + rng.nextDouble()) : Double.POSITIVE_INFINITY;
            long size = bytes;
            double startS = startGridS > 0 ? Math.ceil(t / startGridS) * startGridS : t;
            timeline.at(startS, () -> started.add(new Started((ActiveFlow) net.transfer(route, size, cap,
                    f -> assertEquals(null, completedAt.put((ActiveFlow) f, timeline.now()), "completes once"))
                    , route, cap)));
        }
        // Check the optimality conditions at many instants while flows run.
        int[] checks = {0};
        for (int k = 0; k < 200; k++) {
            timeline.at(t * rng.nextDouble(), Timeline.LATE, () -> {
                assertMaxMinOptimal(started);
                checks[0]++;
            }, "max-min check");
        }
        timeline.run();
        double end = timeline.now();
        assertEquals(200, checks[0]);
        assertEquals(flows, completedAt.size());
        assertEquals(0, net.activeFlows());

        long bytesTotal = 0;
        double[] expectedPerLink = new double[net.linkCount()];
        double[] expectedPerClass = new double[2];
        for (Started s : started) {
            ActiveFlow f = s.flow();
            bytesTotal += f.bytes;
            // Integral of rate over the sending time equals the bytes (float residue only).
            assertTrue(Math.abs(f.residueBytes) <= 1e-6 * Math.max(1, f.bytes), "residue " + f.residueBytes + " of " + f);
            for (int link : s.route()) {
                expectedPerLink[link] += f.bytes;
                expectedPerClass[net.linkClassOf(link)] += f.bytes;
            }
            // No flow is faster than its route latency plus bytes over its bottleneck (or cap).
            double fastest = net.routeLatencyS(s.route())
                    + f.bytes / Math.min(net.routeBottleneckBytesPerS(s.route()), s.capBytesPerS());
            assertTrue(completedAt.get(f) - f.startTimeS >= fastest * (1 - 1e-9), "too fast: " + f);
        }
        assertEquals(bytesTotal, net.bytesDelivered());
        for (int l = 0; l < net.linkCount(); l++) {
            double carried = net.bytesCarried(l);
            assertEquals(expectedPerLink[l], carried, 1e-9 * Math.max(1, expectedPerLink[l]), "link " + l);
            assertTrue(carried <= net.linkBandwidthBytesPerS(l) * end * (1 + 1e-9), "link " + l + " over capacity");
        }
        List<LinkClassUsage> usage = net.usage();
        assertEquals(expectedPerClass[mesh], usage.get(mesh).bytesCarried(), 1e-9 * expectedPerClass[mesh]);
        assertEquals(expectedPerClass[wide], usage.get(wide).bytesCarried(), 1e-9 * expectedPerClass[wide]);
        for (LinkClassUsage u : usage) {
            assertTrue(u.meanUtilization() > 0 && u.meanUtilization() <= u.busyFraction() * (1 + 1e-9), u.toString());
            assertTrue(u.peakUtilization() <= 1 + 1e-9 && u.peakUtilization() >= u.meanUtilization(), u.toString());
            assertTrue(u.meanConcurrentFlows() >= 1, u.toString());
        }
    }

    /**
     * Feasible (no link over its bandwidth) and max-min fair: every sending flow is at its cap or has
     * a bottleneck, a saturated link on its route where no other flow has a higher rate.
     */
    private void assertMaxMinOptimal(List<Started> started) {
        double[] load = new double[net.linkCount()];
        double[] maxRate = new double[net.linkCount()];
        List<Started> sending = new ArrayList<>();
        for (Started s : started) {
            double r = s.flow().rateBytesPerS();
            if (r > 0 && s.route().length > 0) {
                sending.add(s);
                for (int link : s.route()) {
                    load[link] += r;
                    maxRate[link] = Math.max(maxRate[link], r);
                }
            }
        }
        for (int l = 0; l < load.length; l++) {
            assertTrue(load[l] <= net.linkBandwidthBytesPerS(l) * (1 + 1e-9), "link " + l + " overloaded");
        }
        for (Started s : sending) {
            double r = s.flow().rate;
            boolean atCap = r >= s.capBytesPerS() * (1 - 1e-9);
            boolean bottlenecked = false;
            for (int link : s.route()) {
                boolean saturated = load[link] >= net.linkBandwidthBytesPerS(link) * (1 - 1e-9);
                bottlenecked |= saturated && r >= maxRate[link] * (1 - 1e-9);
            }
            assertTrue(atCap || bottlenecked, "flow without bottleneck at t=" + timeline.now() + ": " + s.flow());
        }
    }

    @Test
    void recompute_disjointComponents_untouchedFlowKeepsItsRateAndEvent() {
        int c = net.linkClass("test");
        int l0 = net.addLink(c, 100, 0);
        int l1 = net.addLink(c, 100, 0);
        ActiveFlow a = (ActiveFlow) net.transfer(new int[] {l0}, 1000, f -> { });
        ActiveFlow b = (ActiveFlow) net.transfer(new int[] {l1}, 1000, f -> { });
        double[] bDone = new double[1];
        ActiveFlow[] c0 = new ActiveFlow[1];
        timeline.at(1.0, () -> c0[0] = (ActiveFlow) net.transfer(new int[] {l0}, 100, f -> { }));
        timeline.run(1.5);
        assertEquals(2, a.rateEvaluations, "A shares l0 with C");
        assertEquals(1, b.rateEvaluations, "B is alone on l1");
        assertEquals(1, b.schedules);
        assertEquals(50, a.rateBytesPerS(), 1e-12);
        assertEquals(100, b.rateBytesPerS(), 1e-12);
        timeline.run();
        // C ends at 3 s: only A's component is recomputed again.
        assertEquals(3, a.rateEvaluations);
        assertEquals(1, b.rateEvaluations);
        assertEquals(1, c0[0].rateEvaluations);
    }

    @Test
    void recompute_rateUnchanged_eventNotRescheduled() {
        // A and B share l0 (50 each); C joins B on l1 of the same bandwidth: still 50 each everywhere.
        int c = net.linkClass("test");
        int l0 = net.addLink(c, 100, 0);
        int l1 = net.addLink(c, 100, 0);
        ActiveFlow a = (ActiveFlow) net.transfer(new int[] {l0}, 1000, f -> { });
        ActiveFlow b = (ActiveFlow) net.transfer(new int[] {l0, l1}, 1000, f -> { });
        timeline.at(1.0, () -> net.transfer(new int[] {l1}, 100, f -> { }));
        timeline.run(1.0);
        assertEquals(2, a.rateEvaluations, "A is in the component C joined");
        assertEquals(1, a.schedules, "A's rate did not change");
        assertEquals(1, b.schedules, "B's rate did not change");
        assertEquals(50, a.rateBytesPerS(), 1e-12);
    }

    @Test
    void recompute_slowerFlowsThanTheChange_keepRatesWithoutBeingSolved() {
        // A is held at 10 B/s by its cap; D starting on l0 gets at least 100/3 B/s, so A is not solved again.
        int c = net.linkClass("test");
        int l0 = net.addLink(c, 100, 0);
        ActiveFlow a = (ActiveFlow) net.transfer(new int[] {l0}, 1000, 10, f -> { });
        ActiveFlow b = (ActiveFlow) net.transfer(new int[] {l0}, 10_000, f -> { });
        ActiveFlow[] d = new ActiveFlow[1];
        timeline.at(1.0, () -> d[0] = (ActiveFlow) net.transfer(new int[] {l0}, 100, f -> { }));
        timeline.run(1.0);
        assertEquals(1, a.rateEvaluations);
        assertEquals(2, b.rateEvaluations);
        assertEquals(10, a.rateBytesPerS(), 1e-12);
        assertEquals(45, b.rateBytesPerS(), 1e-12);
        assertEquals(45, d[0].rateBytesPerS(), 1e-12);
        timeline.run();
        assertEquals(1, a.schedules);
    }

    @Test
    void recompute_manyStartsInOneInstant_solvedOnce() {
        int c = net.linkClass("test");
        int l = net.addLink(c, 1000, 0);
        List<Flow> flows = new ArrayList<>();
        timeline.at(1.0, () -> {
            for (int i = 0; i < 100; i++) {
                flows.add(net.transfer(new int[] {l}, 1000, f -> { }));
            }
        });
        timeline.run(1.0);
        assertEquals(1, net.recomputes());
        assertEquals(100, net.rateEvaluations());
        for (Flow f : flows) {
            assertEquals(10, f.rateBytesPerS(), 1e-12);
        }
        timeline.run();
        // All end together at 1 + 100 s: one more (empty) recompute at most.
        assertTrue(net.recomputes() <= 2);
        assertEquals(100_000, net.bytesDelivered());
        assertEquals(101.0, timeline.now(), 1e-9);
    }

    @Test
    void usage_twoFlowsHalfTheTimeOnOneOfTwoLinks_matchesHandFigures() {
        int mesh = net.linkClass("mesh");
        int l0 = net.addLinks(2, mesh, 100, 0);
        net.transfer(new int[] {l0}, 250, f -> { });
        net.transfer(new int[] {l0}, 250, f -> { });
        timeline.at(10.0, () -> { });
        timeline.run();
        LinkClassUsage u = net.usage().get(mesh);
        assertEquals("mesh", u.linkClass());
        assertEquals(2, u.links());
        // Link 0 busy 5 s of 10, link 1 idle: busy fraction (0.5 + 0) / 2.
        assertEquals(0.25, u.busyFraction(), 1e-12);
        assertEquals(0.25, u.meanUtilization(), 1e-12);
        assertEquals(0.5, u.peakUtilization(), 1e-12);
        assertEquals(2.0, u.meanConcurrentFlows(), 1e-12);
        assertEquals(500, u.bytesCarried(), 1e-9);
    }

    @Test
    void usage_ofCountedLinks_overThemOnly_emptyClassesLeftOut_aBusyLinkLeftOutRefused() {
        int mesh = net.linkClass("mesh");
        int io = net.linkClass("io");
        int l0 = net.addLinks(2, mesh, 100, 0);
        net.addLinks(3, io, 100, 0);
        net.transfer(new int[] {l0}, 500, f -> { });
        timeline.at(10.0, () -> { });
        timeline.run();
        List<LinkClassUsage> u = net.usage(l -> l == l0);
        assertEquals(1, u.size(), u.toString());
        assertEquals(1, u.get(0).links());
        // link 0 alone: busy 5 s of 10
        assertEquals(0.5, u.get(0).busyFraction(), 1e-12);
        assertEquals(0.5, u.get(0).meanUtilization(), 1e-12);
        assertEquals(500, u.get(0).bytesCarried(), 1e-9);
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> net.usage(l -> l != l0));
        assertTrue(e.getMessage().contains("link 0 of class mesh is left out but carried 500.0 bytes"), e.getMessage());
    }

    @Test
    void addLinks_millionLinks_cheapAndIdle() {
        int mesh = net.linkClass("mesh");
        int first = net.addLinks(1_000_000, mesh, 1e9, 1e-9);
        int last = net.addLink(mesh, 2e9, 0);
        assertEquals(0, first);
        assertEquals(1_000_000, last);
        assertEquals(1_000_001, net.linkCount());
        assertEquals(2e9, net.linkBandwidthBytesPerS(last));
        Flow f = net.transfer(new int[] {first, 500_000, last}, 1000, x -> { });
        assertEquals(1e9, f.rateBytesPerS(), 0);
        timeline.run();
        assertEquals(3 * 1000.0, net.usage().get(mesh).bytesCarried(), 1e-9);
        assertFalse(net.activeFlows() > 0);
    }
}
