package org.fabricsim.core.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.fabricsim.core.timeline.Timeline;
import org.junit.jupiter.api.Test;

/** A transfer credited to an idle link leaves the same usage as the flow it stands for. */
class FlowNetworkPrivateCreditTest {

    @Test
    void creditedTransfer_leavesTheUsageOfTheSameFlow() {
        Timeline t1 = new Timeline();
        FlowNetwork flows = new FlowNetwork(t1);
        int c1 = flows.linkClass("x");
        int a = flows.addLink(c1, 100, 0.5);
        flows.addLink(c1, 100, 0.5);
        flows.transfer(new int[] {a}, 1000, f -> { });
        t1.run();

        Timeline t2 = new Timeline();
        FlowNetwork credited = new FlowNetwork(t2);
        int c2 = credited.linkClass("x");
        int b = credited.addLink(c2, 100, 0.5);
        credited.addLink(c2, 100, 0.5);
        t2.at(10.5, () -> credited.creditPrivateTransfer(b, 1000, 1, 10.0));
        t2.run();

        LinkClassUsage u1 = flows.usage().get(0);
        LinkClassUsage u2 = credited.usage().get(0);
        // one of two links busy 10 s (1000 B at 100 B/s) of the 10.5 s until the last byte arrived
        assertEquals(10.5, t1.now(), 1e-12);
        assertEquals(10.5, t2.now(), 1e-12);
        assertEquals(10.0 / (2 * 10.5), u1.busyFraction(), 1e-12);
        assertEquals(u1.busyFraction(), u2.busyFraction(), 1e-12);
        assertEquals(u1.meanUtilization(), u2.meanUtilization(), 1e-12);
        assertEquals(u1.meanConcurrentFlows(), u2.meanConcurrentFlows(), 1e-12);
        assertEquals(1000, u2.bytesCarried(), 1e-9);
    }

    @Test
    void credit_isRefusedOnALinkCarryingAFlow_andForBadArguments() {
        Timeline t = new Timeline();
        FlowNetwork net = new FlowNetwork(t);
        int a = net.addLink(net.linkClass("x"), 100, 0);
        net.transfer(new int[] {a}, 1000, f -> { });
        assertThrows(IllegalStateException.class, () -> net.creditPrivateTransfer(a, 10, 1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> net.creditPrivateTransfer(a, -1, 1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> net.creditPrivateTransfer(a, 1, 0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> net.creditPrivateTransfer(a + 1, 1, 1, 0.1));
    }
}
