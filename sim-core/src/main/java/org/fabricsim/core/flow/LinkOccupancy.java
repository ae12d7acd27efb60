package org.fabricsim.core.flow;

/**
 * A flow taking and leaving bandwidth on its links, each in one pass over its route: routes on a wafer mesh
 * cross hundreds of links, so what a start and an end do per link is most of a flow's cost. The pass that takes
 * the links also sums the route's latency and finds its narrowest link, and counts the links the flow shares
 * (a flow alone on all of them needs no walk of its route to get a rate); the pass that leaves them also credits
 * the flow's last bytes. Each link sees the same operations in the same order as one pass per concern would do.
 */
final class LinkOccupancy {
    private final FlowLinks links;
    private final LinkUsageMeter meter;
    private final RateRecompute rates;

    LinkOccupancy(FlowLinks links, LinkUsageMeter meter, RateRecompute rates) {
        this.links = links;
        this.meter = meter;
        this.rates = rates;
    }

    /**
     * Puts {@code f} on every link of its (non-empty, checked) route at {@code nowS}; sets its route latency (the
     * sum in route order), narrowest bandwidth and class.
     */
    void occupy(ActiveFlow f, double nowS) {
        int slot = links.takeSlot(f);
        int[] flowCount = links.flowCount;
        int[] soleSlot = links.soleSlot;
        int[] kind = links.kind;
        double latencyS = 0;
        double narrowest = Double.POSITIVE_INFINITY;
        int routeClass = links.kindClass[kind[f.route[0]]];
        int runKind = -1;
        double runLatencyS = 0;
        int runLinks = 0;
        int runBusy = 0;
        for (int link : f.route) {
            int k = kind[link];
            if (k != runKind) {
                if (runLinks > 0) {
                    meter.flowsAdded(links.kindClass[runKind], runLinks, runBusy, nowS);
                }
                runKind = k;
                runLatencyS = links.kindLatencyS[k];
                narrowest = Math.min(narrowest, links.kindBandwidthBytesPerS[k]);
                if (links.kindClass[k] != routeClass) {
                    routeClass = -1;
                }
                runLinks = 0;
                runBusy = 0;
            }
            // Adding a zero latency leaves the sum as it is (it is never -0).
            if (runLatencyS != 0) {
                latencyS += runLatencyS;
            }
            runLinks++;
            int n = flowCount[link];
            if (n == 0) {
                flowCount[link] = 1;
                soleSlot[link] = slot;
                runBusy++;
            } else {
                links.addToShared(link, n, slot);
            }
        }
        meter.flowsAdded(links.kindClass[runKind], runLinks, runBusy, nowS);
        f.routeLatencyS = latencyS;
        f.narrowestBytesPerS = narrowest;
        f.routeClass = routeClass;
    }

    /**
     * Takes {@code f} off every link of its route at {@code nowS}, crediting each with {@code lastBytes} first;
     * the links it leaves other flows on are marked for the next recompute.
     */
    void release(ActiveFlow f, double lastBytes, double nowS) {
        if (f.routeClass < 0) {
            releaseMixed(f, lastBytes, nowS);
            return;
        }
        int slot = f.slot;
        int[] flowCount = links.flowCount;
        double[] carried = meter.bytesCarried;
        int idle = 0;
        for (int link : f.route) {
            carried[link] += lastBytes;
            int n = flowCount[link];
            if (n == 1) {
                flowCount[link] = 0;
                idle++;
            } else {
                links.removeFromShared(link, n, slot);
                rates.linkLostFlow(link);
            }
        }
        meter.flowsRemoved(f.routeClass, f.route.length, idle, nowS);
        links.freeSlot(f);
    }

    /** As {@link #release} for a route crossing links of several classes: counts per run of one class. */
    private void releaseMixed(ActiveFlow f, double lastBytes, double nowS) {
        int slot = f.slot;
        int[] flowCount = links.flowCount;
        int[] classOf = meter.linkClassOf;
        double[] carried = meter.bytesCarried;
        int runClass = -1;
        int runLinks = 0;
        int runIdle = 0;
        for (int link : f.route) {
            carried[link] += lastBytes;
            int c = classOf[link];
            if (c != runClass) {
                if (runLinks > 0) {
                    meter.flowsRemoved(runClass, runLinks, runIdle, nowS);
                }
                runClass = c;
                runLinks = 0;
                runIdle = 0;
            }
            runLinks++;
            int n = flowCount[link];
            if (n == 1) {
                flowCount[link] = 0;
                runIdle++;
            } else {
                links.removeFromShared(link, n, slot);
                rates.linkLostFlow(link);
            }
        }
        meter.flowsRemoved(runClass, runLinks, runIdle, nowS);
        links.freeSlot(f);
    }
}
