package org.fabricsim.core.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.fabricsim.core.timeline.Timeline;
import org.junit.jupiter.api.Test;

/**
 * Flows taking their links virtually must leave every figure as writing their links does: the same network and
 * flows run once with routes of 8 links or more taken virtually and once with every route written, and every
 * completion time, per-link byte count, flow count and usage report must be equal to the last bit.
 */
class VirtualOccupancyTest {

    /** What one run observed, in the order it observed it. */
    private record Observed(double[] completionS, List<Double> probes, List<List<LinkClassUsage>> usages,
            long rateEvaluations, long reschedules) {
    }

    @Test
    void randomLongRoutes_virtualAndWrittenLinksGiveIdenticalResults() {
        for (long seed = 1; seed <= 12; seed++) {
            Observed written = run(seed, Integer.MAX_VALUE);
            Observed virtual = run(seed, 8);
            assertArrayEquals(written.completionS(), virtual.completionS(), "seed " + seed);
            assertEquals(written.probes(), virtual.probes(), "seed " + seed);
            assertEquals(written.usages(), virtual.usages(), "seed " + seed);
            assertEquals(written.rateEvaluations(), virtual.rateEvaluations(), "seed " + seed);
            assertEquals(written.reschedules(), virtual.reschedules(), "seed " + seed);
        }
    }

    /**
     * Two classes, three kinds: mesh links (a kind in two blocks of ids, another mesh kind between them) and ports.
     * Routes are 1-3 runs of consecutive ids (some crossing a kind boundary), sometimes with a port, a link crossed
     * twice or in descending order, some sent again, started at instants shared by several flows, some capped.
     */
    private static Observed run(long seed, int virtualMinLinks) {
        SplittableRandom random = new SplittableRandom(seed);
        Timeline timeline = new Timeline();
        FlowNetwork net = new FlowNetwork(timeline, 16, virtualMinLinks);
        int mesh = net.linkClass("mesh");
        int port = net.linkClass("port");
        net.addLinks(300, mesh, 100, 0.0731);
        net.addLinks(20, mesh, 150, 0.0173);
        int ports = net.addLinks(8, port, 40, 0.01);
        net.addLinks(300, mesh, 100, 0.0731);
        int links = net.linkCount();
        int flows = 300;
        double[] completionS = new double[flows];
        List<Double> probes = new ArrayList<>();
        List<List<LinkClassUsage>> usages = new ArrayList<>();
        List<int[]> sent = new ArrayList<>();
        for (int i = 0; i < flows; i++) {
            // A route array is sometimes sent again, as a mesh's kept routes are.
            int[] route = i > 0 && random.nextInt(3) == 0 ? sent.get(random.nextInt(sent.size()))
                    : route(random, links, ports);
            sent.add(route);
            long bytes = 1 + random.nextInt(5_000);
            double cap = random.nextInt(5) == 0 ? 20 + random.nextInt(100) : Double.POSITIVE_INFINITY;
            double atS = random.nextInt(80) * 0.25;
            int flow = i;
            timeline.at(atS, Timeline.NORMAL, () -> net.transfer(route, bytes, cap,
                    f -> completionS[flow] = timeline.now()), "start");
        }
        for (int p = 0; p < 40; p++) {
            int link = random.nextInt(links);
            boolean report = random.nextInt(4) == 0;
            timeline.at(random.nextInt(80) * 0.25 + 0.1, Timeline.NORMAL, () -> {
                probes.add((double) net.flowsOnLink(link));
                probes.add(net.bytesCarried(link));
                if (report) {
                    usages.add(net.usage());
                }
            }, "probe");
        }
        timeline.run();
        for (int l = 0; l < links; l++) {
            probes.add(net.bytesCarried(l));
        }
        usages.add(net.usage());
        return new Observed(completionS, probes, usages, net.rateEvaluations(), net.reschedules());
    }

    private static int[] route(SplittableRandom random, int links, int ports) {
        List<Integer> ids = new ArrayList<>();
        int runs = 1 + random.nextInt(3);
        for (int r = 0; r < runs; r++) {
            int length = 1 + random.nextInt(random.nextBoolean() ? 12 : 120);
            int first = random.nextInt(links - length);
            for (int k = 0; k < length; k++) {
                ids.add(first + k);
            }
        }
        switch (random.nextInt(8)) {
            case 0 -> ids.add(ports + random.nextInt(8));
            case 1 -> ids.add(ids.get(random.nextInt(ids.size())));
            case 2 -> java.util.Collections.reverse(ids);
            default -> {
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void virtualFlowOnALink_countsOnItAndRefusesABookingAndAnIsolatedGroup() {
        Timeline timeline = new Timeline();
        FlowNetwork net = new FlowNetwork(timeline, 16, 4);
        int mesh = net.linkClass("mesh");
        int first = net.addLinks(10, mesh, 100, 0);
        net.transfer(new int[] {first, first + 1, first + 2, first + 3, first + 4}, 1_000, f -> { });
        assertEquals(1, net.flowsOnLink(first + 2));
        assertEquals(0, net.flowsOnLink(first + 5));
        assertThrows(IllegalStateException.class, () -> net.bookTransfer(first + 4, 10, 0));
        boolean[] groupDone = new boolean[1];
        // The group shares link first + 3 with the flow, so it runs as flows: two at 50 B/s for 2 s, not 1 s alone.
        net.transferIsolatedGroup(new FlowGroup(new int[][] {{first + 3}}, new long[] {100}, 1, null),
                () -> groupDone[0] = true);
        assertEquals(2, net.flowsOnLink(first + 3));
        timeline.run(1.5);
        assertFalse(groupDone[0]);
        timeline.run();
        assertTrue(groupDone[0]);
        assertEquals(1_100, net.bytesCarried(first + 3), 1e-9);
        assertEquals(1_000, net.bytesCarried(first), 1e-9);
    }
}
