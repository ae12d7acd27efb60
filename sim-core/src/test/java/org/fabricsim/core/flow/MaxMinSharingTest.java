package org.fabricsim.core.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.fabricsim.core.timeline.Timeline;
import org.junit.jupiter.api.Test;

/** Rates against the textbook max-min fair shares (Bertsekas and Gallager, Data Networks, 6.5.2). */
class MaxMinSharingTest {
    private static final long BIG = 1_000_000_000L;
    private final Timeline timeline = new Timeline();
    private final FlowNetwork net = new FlowNetwork(timeline);
    private final int cls = net.linkClass("test");

    private static final FlowNetwork.CompletionListener IGNORE = f -> { };

    @Test
    void share_oneFlowOneLink_getsWholeLink() {
        int l = net.addLink(cls, 100, 0);
        Flow f = net.transfer(new int[] {l}, BIG, IGNORE);
        assertEquals(100, f.rateBytesPerS(), 1e-12);
    }

    @Test
    void share_twoFlowsOneLink_splitEvenly() {
        int l = net.addLink(cls, 100, 0);
        Flow a = net.transfer(new int[] {l}, BIG, IGNORE);
        Flow b = net.transfer(new int[] {l}, BIG, IGNORE);
        assertEquals(50, a.rateBytesPerS(), 1e-12);
        assertEquals(50, b.rateBytesPerS(), 1e-12);
    }

    @Test
    void share_parkingLotEqualLinks_everyFlowGetsHalf() {
        int n = 5;
        int first = net.addLinks(n, cls, 100, 0);
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = first + i;
        }
        Flow longFlow = net.transfer(all, BIG, IGNORE);
        Flow[] shorts = new Flow[n];
        for (int i = 0; i < n; i++) {
            shorts[i] = net.transfer(new int[] {first + i}, BIG, IGNORE);
        }
        assertEquals(50, longFlow.rateBytesPerS(), 1e-12);
        for (Flow s : shorts) {
            assertEquals(50, s.rateBytesPerS(), 1e-12);
        }
    }

    @Test
    void share_parkingLotUnequalLinks_longFlowHeldByNarrowLinkShortFlowsTakeRest() {
        // Link 0 (C=1) is shared by the long flow and one short flow: each 1/2. On link 1 (C=2) the long
        // flow keeps 1/2, so the short flow there gets 3/2; on link 2 (C=3) with two short flows each gets 5/4.
        int l0 = net.addLink(cls, 1, 0);
        int l1 = net.addLink(cls, 2, 0);
        int l2 = net.addLink(cls, 3, 0);
        Flow longFlow = net.transfer(new int[] {l0, l1, l2}, BIG, IGNORE);
        Flow s0 = net.transfer(new int[] {l0}, BIG, IGNORE);
        Flow s1 = net.transfer(new int[] {l1}, BIG, IGNORE);
        Flow s2a = net.transfer(new int[] {l2}, BIG, IGNORE);
        Flow s2b = net.transfer(new int[] {l2}, BIG, IGNORE);
        assertEquals(0.5, longFlow.rateBytesPerS(), 1e-12);
        assertEquals(0.5, s0.rateBytesPerS(), 1e-12);
        assertEquals(1.5, s1.rateBytesPerS(), 1e-12);
        assertEquals(1.25, s2a.rateBytesPerS(), 1e-12);
        assertEquals(1.25, s2b.rateBytesPerS(), 1e-12);
    }

    @Test
    void share_flowLimitedElsewhere_leavesRemainderToOthers() {
        int narrow = net.addLink(cls, 10, 0);
        int wide = net.addLink(cls, 100, 0);
        Flow limited = net.transfer(new int[] {narrow, wide}, BIG, IGNORE);
        Flow b = net.transfer(new int[] {wide}, BIG, IGNORE);
        Flow c = net.transfer(new int[] {wide}, BIG, IGNORE);
        assertEquals(10, limited.rateBytesPerS(), 1e-12);
        assertEquals(45, b.rateBytesPerS(), 1e-12);
        assertEquals(45, c.rateBytesPerS(), 1e-12);
    }

    @Test
    void share_rateCapBelowFairShare_actsAsPrivateBottleneck() {
        int l = net.addLink(cls, 100, 0);
        Flow capped = net.transfer(new int[] {l}, BIG, 20, IGNORE);
        Flow free = net.transfer(new int[] {l}, BIG, IGNORE);
        assertEquals(20, capped.rateBytesPerS(), 1e-12);
        assertEquals(80, free.rateBytesPerS(), 1e-12);
    }

    @Test
    void share_rateCapAboveFairShare_hasNoEffect() {
        int l = net.addLink(cls, 100, 0);
        Flow capped = net.transfer(new int[] {l}, BIG, 70, IGNORE);
        Flow free = net.transfer(new int[] {l}, BIG, IGNORE);
        assertEquals(50, capped.rateBytesPerS(), 1e-12);
        assertEquals(50, free.rateBytesPerS(), 1e-12);
    }

    @Test
    void share_chainOfThreeLinks_bottleneckOrderSetsLevels() {
        // Links A (C=1), B (C=1), C (C=10); f1 on A, f2 on A+B, f3 on B, f4 on B+C, f5 on C.
        int a = net.addLink(cls, 1, 0);
        int b = net.addLink(cls, 1, 0);
        int c = net.addLink(cls, 10, 0);
        Flow f1 = net.transfer(new int[] {a}, BIG, IGNORE);
        Flow f2 = net.transfer(new int[] {a, b}, BIG, IGNORE);
        Flow f3 = net.transfer(new int[] {b}, BIG, IGNORE);
        Flow f4 = net.transfer(new int[] {b, c}, BIG, IGNORE);
        Flow f5 = net.transfer(new int[] {c}, BIG, IGNORE);
        // Progressive filling: B saturates first at level 1/3 (three flows), freezing f2, f3, f4 at 1/3;
        // then A gives f1 the remaining 2/3, and C gives f5 10 - 1/3.
        assertEquals(2.0 / 3, f1.rateBytesPerS(), 1e-12);
        assertEquals(1.0 / 3, f2.rateBytesPerS(), 1e-12);
        assertEquals(1.0 / 3, f3.rateBytesPerS(), 1e-12);
        assertEquals(1.0 / 3, f4.rateBytesPerS(), 1e-12);
        assertEquals(10 - 1.0 / 3, f5.rateBytesPerS(), 1e-12);
    }

    @Test
    void share_routeCrossingLinkTwice_usesItsBandwidthTwice() {
        int l = net.addLink(cls, 90, 0);
        Flow loop = net.transfer(new int[] {l, l}, BIG, IGNORE);
        Flow other = net.transfer(new int[] {l}, BIG, IGNORE);
        // Equal rates r, the loop counts twice: 3r = 90.
        assertEquals(30, loop.rateBytesPerS(), 1e-12);
        assertEquals(30, other.rateBytesPerS(), 1e-12);
    }
}
