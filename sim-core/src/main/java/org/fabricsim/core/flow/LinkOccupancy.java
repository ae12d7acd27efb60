package org.fabricsim.core.flow;

import java.util.Arrays;

/**
 * A flow taking and leaving bandwidth on its links. Routes on a wafer mesh cross hundreds of links, so what a start
 * and an end do per link is most of a flow's cost.
 *
 * <p>A long route of one link kind that meets no flow sending takes its links virtually: its runs of link ids are
 * tested against the few flows sending, and no per-link count is written (most flows on a wafer are alone on every
 * link of their route). A flow that meets another writes its links as before, and first writes those of every
 * virtual flow it meets, so each link then holds exactly what it would have held had every flow written its links:
 * a virtual flow is alone on its links from its start. Its end credits its bytes per link and counts its links
 * idle, as a written flow alone on them would.
 *
 * <p>Otherwise taking the links is one pass that also sums the route's latency, finds its narrowest link and counts
 * the links the flow shares, and leaving them is one pass that also credits the flow's last bytes. Each link sees
 * the same operations in the same order as one pass per concern would do.
 */
final class LinkOccupancy {
    /** Routes at least this long may be taken virtually; a shorter one costs about what the test would. */
    static final int VIRTUAL_MIN_LINKS = 32;
    /** Routes of more runs of link ids are written (the test of a route against itself is quadratic in them). */
    static final int VIRTUAL_MAX_RUNS = 8;
    /** Above this many slots in use, testing against every flow sending costs more than a pass: routes are written. */
    static final int VIRTUAL_MAX_SLOTS = 128;

    private final FlowLinks links;
    private final LinkUsageMeter meter;
    private final RateRecompute rates;
    private final int virtualMinLinks;
    private ActiveFlow[] virtualFlows = new ActiveFlow[16];
    private int virtualCount;

    LinkOccupancy(FlowLinks links, LinkUsageMeter meter, RateRecompute rates, int virtualMinLinks) {
        this.links = links;
        this.meter = meter;
        this.rates = rates;
        this.virtualMinLinks = virtualMinLinks;
    }

    /**
     * Puts {@code f} on every link of its (non-empty) route, whose runs {@code runs} are checked, at {@code nowS};
     * sets its route latency (the sum in route order), narrowest bandwidth and class.
     */
    void occupy(ActiveFlow f, int[] runs, double nowS) {
        int slot = links.takeSlot(f);
        f.runs = runs;
        int low = Integer.MAX_VALUE;
        int high = -1;
        for (int r = 0; r < runs.length; r += 2) {
            low = Math.min(low, runs[r]);
            high = Math.max(high, runs[r + 1]);
        }
        f.lowestLink = low;
        f.highestLink = high;
        if (f.route.length >= virtualMinLinks && mayBeVirtual(f) && !meetsAnySending(f, slot)) {
            occupyVirtually(f, nowS);
            return;
        }
        if (virtualCount > 0) {
            writeVirtualFlowsMet(f);
        }
        occupyLinkByLink(f, slot, nowS);
    }

    /** Whether {@code f}'s route is of one kind, of few runs that do not overlap, among few flows sending. */
    private boolean mayBeVirtual(ActiveFlow f) {
        int[] runs = f.runs;
        if (runs.length > 2 * VIRTUAL_MAX_RUNS || links.slotsUsed() > VIRTUAL_MAX_SLOTS) {
            return false;
        }
        int k = links.kind[runs[0]];
        for (int r = 0; r < runs.length; r += 2) {
            if (links.kind[runs[r]] != k || links.kindRunStart[runs[r + 1]] > runs[r]) {
                return false;
            }
            for (int q = 0; q < r; q += 2) {
                if (runs[q] <= runs[r + 1] && runs[r] <= runs[q + 1]) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether {@code f} shares a link with a flow sending (in a slot other than its own). */
    private boolean meetsAnySending(ActiveFlow f, int slot) {
        for (int s = 0, n = links.slotsUsed(); s < n; s++) {
            ActiveFlow g = links.flowIn(s);
            if (g != null && s != slot && meets(f, g)) {
                return true;
            }
        }
        return false;
    }

    private static boolean meets(ActiveFlow f, ActiveFlow g) {
        if (f.lowestLink > g.highestLink || g.lowestLink > f.highestLink) {
            return false;
        }
        int[] a = f.runs;
        int[] b = g.runs;
        for (int i = 0; i < a.length; i += 2) {
            for (int j = 0; j < b.length; j += 2) {
                if (a[i] <= b[j + 1] && b[j] <= a[i + 1]) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Takes a route of one kind that meets no flow: every link of it is busy now, and its latency is the kind's sum. */
    private void occupyVirtually(ActiveFlow f, double nowS) {
        int k = links.kind[f.route[0]];
        int n = f.route.length;
        f.routeLatencyS = links.latencySum(k, n);
        f.narrowestBytesPerS = links.kindBandwidthBytesPerS[k];
        f.routeClass = links.kindClass[k];
        meter.flowsAdded(f.routeClass, n, n, nowS);
        if (virtualCount == virtualFlows.length) {
            virtualFlows = Arrays.copyOf(virtualFlows, virtualCount * 2);
        }
        f.virtualIndex = virtualCount;
        virtualFlows[virtualCount++] = f;
    }

    /** Writes the links of every virtual flow {@code f} meets, as they would be had they been written at its start. */
    private void writeVirtualFlowsMet(ActiveFlow f) {
        for (int i = virtualCount - 1; i >= 0; i--) {
            ActiveFlow g = virtualFlows[i];
            if (meets(f, g)) {
                write(g);
            }
        }
    }

    /** Writes the links of virtual flow {@code g}: it is alone on each. */
    private void write(ActiveFlow g) {
        int[] flowCount = links.flowCount;
        int[] soleSlot = links.soleSlot;
        int slot = g.slot;
        for (int link : g.route) {
            flowCount[link] = 1;
            soleSlot[link] = slot;
        }
        dropVirtual(g);
    }

    private void dropVirtual(ActiveFlow g) {
        int i = g.virtualIndex;
        ActiveFlow last = virtualFlows[--virtualCount];
        virtualFlows[i] = last;
        last.virtualIndex = i;
        virtualFlows[virtualCount] = null;
        g.virtualIndex = -1;
    }

    /** The virtual flow on {@code link}, or null (a virtual flow is alone on its links, so there is at most one). */
    ActiveFlow virtualFlowOn(int link) {
        for (int i = 0; i < virtualCount; i++) {
            ActiveFlow g = virtualFlows[i];
            if (link >= g.lowestLink && link <= g.highestLink) {
                int[] runs = g.runs;
                for (int r = 0; r < runs.length; r += 2) {
                    if (link >= runs[r] && link <= runs[r + 1]) {
                        return g;
                    }
                }
            }
        }
        return null;
    }

    /** Whether a virtual flow is on any of {@code ids}. */
    boolean anyVirtualOn(int[] ids) {
        if (virtualCount > 0) {
            for (int link : ids) {
                if (virtualFlowOn(link) != null) {
                    return true;
                }
            }
        }
        return false;
    }

    private void occupyLinkByLink(ActiveFlow f, int slot, double nowS) {
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
        if (f.virtualIndex >= 0) {
            releaseVirtual(f, lastBytes, nowS);
            return;
        }
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

    /** As {@link #release} for a virtual flow: it is alone on each of its links, which all become idle. */
    private void releaseVirtual(ActiveFlow f, double lastBytes, double nowS) {
        double[] carried = meter.bytesCarried;
        int[] runs = f.runs;
        for (int r = 0; r < runs.length; r += 2) {
            for (int link = runs[r], last = runs[r + 1]; link <= last; link++) {
                carried[link] += lastBytes;
            }
        }
        meter.flowsRemoved(f.routeClass, f.route.length, f.route.length, nowS);
        dropVirtual(f);
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
