package org.fabricsim.core.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.fabricsim.core.timeline.Timeline;
import org.junit.jupiter.api.Test;

/** Completion times of single and overlapping flows, computed by hand. */
class FlowTimingTest {
    private final Timeline timeline = new Timeline();
    private final FlowNetwork net = new FlowNetwork(timeline);
    private final int cls = net.linkClass("test");
    private final Map<Flow, Double> completedAt = new HashMap<>();
    private final FlowNetwork.CompletionListener record = f -> completedAt.put(f, timeline.now());

    @Test
    void transfer_aloneOnRoute_takesRouteLatencyPlusBytesOverBottleneck() {
        int a = net.addLink(cls, 100, 0.1);
        int b = net.addLink(cls, 50, 0.2);
        int c = net.addLink(cls, 200, 0.3);
        Flow f = net.transfer(new int[] {a, b, c}, 1000, record);
        timeline.run();
        assertEquals(0.6 + 1000.0 / 50, completedAt.get(f), 1e-12);
        assertEquals(1000, net.bytesDelivered());
        assertEquals(0, net.activeFlows());
    }

    @Test
    void transfer_withRateCap_takesLatencyPlusBytesOverCap() {
        int a = net.addLink(cls, 100, 0.5);
        Flow f = net.transfer(new int[] {a}, 1000, 25, record);
        timeline.run();
        assertEquals(0.5 + 1000.0 / 25, completedAt.get(f), 1e-12);
    }

    @Test
    void transfer_zeroBytes_takesOnlyRouteLatency() {
        int a = net.addLink(cls, 100, 0.25);
        int b = net.addLink(cls, 100, 0.5);
        Flow f = net.transfer(new int[] {a, b}, 0, record);
        assertEquals(0, net.sendingFlows());
        timeline.run();
        assertEquals(0.75, completedAt.get(f), 1e-12);
    }

    @Test
    void transfer_emptyRoute_completesAtOnce() {
        timeline.at(3.0, () -> net.transfer(new int[0], 12345, record));
        timeline.run();
        assertEquals(3.0, completedAt.values().iterator().next(), 0);
        assertEquals(12345, net.bytesDelivered());
    }

    @Test
    void completion_staggeredTwoFlows_matchesHandCalculation() {
        // Link 100 B/s, latency 1 s. A (1000 B) starts at 0 and sends 200 B alone until 2 s; then A and
        // B (500 B) get 50 B/s each. B's last byte leaves at 2 + 500/50 = 12 s, by which A has sent
        // 200 + 500 = 700 B; A's last 300 B go at 100 B/s, leaving at 15 s. Add 1 s of latency.
        int l = net.addLink(cls, 100, 1.0);
        Flow a = net.transfer(new int[] {l}, 1000, record);
        Flow[] b = new Flow[1];
        timeline.at(2.0, () -> b[0] = net.transfer(new int[] {l}, 500, record));
        timeline.run();
        assertEquals(13.0, completedAt.get(b[0]), 1e-9);
        assertEquals(16.0, completedAt.get(a), 1e-9);
    }

    @Test
    void completion_pipeSemantics_linkIsFreeWhileLastByteIsInFlight() {
        // A's last byte leaves at 10 s and arrives at 15 s; B, started at 10 s, has the link to itself.
        int l = net.addLink(cls, 100, 5.0);
        Flow a = net.transfer(new int[] {l}, 1000, record);
        Flow[] b = new Flow[1];
        timeline.at(10.0, () -> {
            b[0] = net.transfer(new int[] {l}, 100, record);
            assertEquals(100, b[0].rateBytesPerS(), 1e-12);
            assertEquals(0, a.rateBytesPerS());
            assertEquals(2, net.activeFlows());
            assertEquals(1, net.sendingFlows());
        });
        timeline.run();
        assertEquals(15.0, completedAt.get(a), 1e-12);
        assertEquals(16.0, completedAt.get(b[0]), 1e-12);
    }

    @Test
    void completion_flowLeaves_othersSpeedUp() {
        // Flows of 100, 200 and 300 B on 90 B/s: 30 B/s each until the first is done at 100/30 s,
        // then 45 B/s each for the other two, then 90 B/s for the last.
        int l = net.addLink(cls, 90, 0);
        Flow f1 = net.transfer(new int[] {l}, 100, record);
        Flow f2 = net.transfer(new int[] {l}, 200, record);
        Flow f3 = net.transfer(new int[] {l}, 300, record);
        timeline.run();
        double t1 = 100.0 / 30;
        double t2 = t1 + 100.0 / 45; // f2 has 100 B left at 45 B/s
        double t3 = t2 + 100.0 / 90; // f3 had 300 - 100 - 100 = 100 B left, now alone
        assertEquals(t1, completedAt.get(f1), 1e-9);
        assertEquals(t2, completedAt.get(f2), 1e-9);
        assertEquals(t3, completedAt.get(f3), 1e-9);
        // The link was saturated throughout: total bytes / bandwidth.
        assertEquals(600.0 / 90, t3, 1e-9);
    }
}
