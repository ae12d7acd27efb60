package org.fabricsim.fabric.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.api.SystemLink;
import org.junit.jupiter.api.Test;

/** A link between systems: a transfer alone takes latency + bytes / bandwidth; overlapping ones share it. */
class SystemLinksTest {
    private final Timeline timeline = new Timeline();
    private final SystemLinks links = new SystemLinks(timeline);
    private final double[] arrivedS = new double[3];

    private void send(SystemLink link, int i, double atS, long bytes) {
        timeline.at(atS, () -> link.send(bytes, 0, 0, () -> arrivedS[i] = timeline.now()));
    }

    @Test
    void transfer_alone_takesLatencyPlusBytesOverBandwidth() {
        SystemLink link = links.add(1e6, 0.02);
        send(link, 0, 1.0, 100_000);
        timeline.run();
        assertEquals(1.0 + 0.1 + 0.02, arrivedS[0], 1e-12);
        assertEquals(100_000, link.bytesSent());
    }

    @Test
    void transfers_startingTogether_shareTheLinkAndArriveTogether() {
        // two of 100 kB share 1 MB/s: both have left at 0.2 s (queued one behind the other, the first would at 0.1 s)
        SystemLink link = links.add(1e6, 0.02);
        send(link, 0, 0, 100_000);
        send(link, 1, 0, 100_000);
        timeline.run();
        assertEquals(0.2 + 0.02, arrivedS[0], 1e-12);
        assertEquals(0.2 + 0.02, arrivedS[1], 1e-12);
    }

    @Test
    void transfer_joiningOneUnderWay_halvesItsRateFromThen() {
        // at 0.05 s the first has 50 kB left; both then send at 0.5 MB/s and leave together at 0.15 s
        SystemLink link = links.add(1e6, 0);
        send(link, 0, 0, 100_000);
        send(link, 1, 0.05, 50_000);
        timeline.run();
        assertEquals(0.15, arrivedS[0], 1e-12);
        assertEquals(0.15, arrivedS[1], 1e-12);
    }

    @Test
    void linksOfOneRun_doNotShareWithEachOther() {
        SystemLink a = links.add(1e6, 0);
        SystemLink b = links.add(1e6, 0);
        send(a, 0, 0, 100_000);
        send(b, 1, 0, 100_000);
        timeline.run();
        assertEquals(0.1, arrivedS[0], 1e-12);
        assertEquals(0.1, arrivedS[1], 1e-12);
        assertEquals(200_000, links.usage().get(0).bytesCarried(), 1e-6);
    }
}
