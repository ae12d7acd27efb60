package org.fabricsim.core.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fabricsim.core.timeline.Timeline;
import org.junit.jupiter.api.Test;

/**
 * What a flow's one pass over its route on start and on end must get right: links of several classes on one
 * route, a link handed from shared to sole and back, a link crossed twice, a bad link refused before any state
 * changes. Figures by hand.
 */
class LinkOccupancyTest {
    private final Timeline timeline = new Timeline();
    private final FlowNetwork net = new FlowNetwork(timeline);
    private final int mesh = net.linkClass("mesh");
    private final int port = net.linkClass("port");
    private final Map<Flow, Double> completedAt = new HashMap<>();
    private final FlowNetwork.CompletionListener record = f -> completedAt.put(f, timeline.now());

    private LinkClassUsage usage(String linkClass) {
        return net.usage().stream().filter(u -> u.linkClass().equals(linkClass)).findFirst().orElseThrow();
    }

    @Test
    void routeOfTwoClasses_metersEachClassAndSumsEveryLatency() {
        int a = net.addLinks(2, mesh, 100, 0);
        int p = net.addLink(port, 50, 0.25);
        int b = net.addLinks(2, mesh, 100, 0.5);
        Flow f = net.transfer(new int[] {a, a + 1, p, b, b + 1}, 100, record);
        timeline.run();
        // 100 B at the port's 50 B/s, then 0.25 + 2 x 0.5 s of latency; every link busy for the 2 s of sending.
        assertEquals(2 + 1.25, completedAt.get(f), 1e-12);
        LinkClassUsage m = usage("mesh");
        LinkClassUsage q = usage("port");
        assertEquals(400, m.bytesCarried());
        assertEquals(100, q.bytesCarried());
        assertEquals(2 / 3.25, m.busyFraction(), 1e-12);
        assertEquals(2 / 3.25, q.busyFraction(), 1e-12);
        assertEquals(1, m.meanConcurrentFlows(), 1e-12);
    }

    @Test
    void linkSharedThenSole_speedsUpTheFlowLeft() {
        // Both cross link s (100 B/s); A also has link x to itself. 50 B/s each until B (100 B) leaves at 2 s,
        // then A (300 B) sends its last 200 B alone at 100 B/s: last byte at 4 s.
        int s = net.addLink(mesh, 100, 0);
        int x = net.addLink(mesh, 1000, 0);
        Flow a = net.transfer(new int[] {x, s}, 300, record);
        Flow b = net.transfer(new int[] {s}, 100, record);
        timeline.run();
        assertEquals(2, completedAt.get(b), 1e-12);
        assertEquals(4, completedAt.get(a), 1e-12);
        assertEquals(400, net.bytesCarried(s), 1e-9);
        assertEquals(300, net.bytesCarried(x), 1e-9);
        assertEquals(0, net.flowsOnLink(s));
        // s carried two flows for 2 s and one for 2 s, x one for 4 s: 10 flow-link-seconds over 8 busy link-seconds.
        assertEquals(10.0 / 8, usage("mesh").meanConcurrentFlows(), 1e-12);
    }

    @Test
    void thirdFlowOnASoleLink_joinsTheListInOrder() {
        int s = net.addLink(mesh, 120, 0);
        Flow[] f = new Flow[3];
        for (int i = 0; i < 3; i++) {
            f[i] = net.transfer(new int[] {s}, 40 * (i + 1), record);
        }
        assertEquals(3, net.flowsOnLink(s));
        timeline.run();
        // 40 B/s each: the first leaves at 1 s; then 60 B/s each: the second's last 40 B at 1 + 40/60; the third alone.
        assertEquals(1, completedAt.get(f[0]), 1e-12);
        assertEquals(1 + 40.0 / 60, completedAt.get(f[1]), 1e-12);
        assertEquals(2, completedAt.get(f[2]), 1e-12);
        assertEquals(240, net.bytesCarried(s), 1e-9);
    }

    @Test
    void routeCrossingALinkTwice_sharesItWithItself() {
        int s = net.addLink(mesh, 100, 0);
        Flow f = net.transfer(new int[] {s, s}, 100, record);
        assertEquals(2, net.flowsOnLink(s));
        timeline.run();
        // Two shares of one link, as when it is listed twice: 50 B/s.
        assertEquals(2, completedAt.get(f), 1e-12);
        assertEquals(200, net.bytesCarried(s), 1e-9);
        assertEquals(0, net.flowsOnLink(s));
    }

    @Test
    void unknownLink_isRefusedBeforeTheRouteIsTaken() {
        int s = net.addLink(mesh, 100, 0);
        assertThrows(IllegalArgumentException.class, () -> net.transfer(new int[] {s, s + 1}, 100, record));
        assertEquals(0, net.flowsOnLink(s));
        assertEquals(0, net.activeFlows());
        List<LinkClassUsage> u = net.usage();
        assertEquals(0, u.get(mesh).busyFraction());
    }
}
