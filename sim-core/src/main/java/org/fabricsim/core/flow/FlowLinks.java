package org.fabricsim.core.flow;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The links of a {@link FlowNetwork} on primitive arrays indexed by dense link ids (bandwidth, latency,
 * the flows taking bandwidth on each, until when an isolated group holds it), and the table of flows
 * occupying links, by slot id (the ids kept in the per-link lists). Adding links allocates no object per
 * link. Knows no timeline: the network says when.
 */
final class FlowLinks {
    int count;
    double[] bandwidthBytesPerS;
    double[] latencyS;
    /**
     * Each link's kind: links of one class, bandwidth and latency share one, so that a pass over a route reads one
     * int per link instead of those three ({@code kindBandwidthBytesPerS}, ... by kind id). A network has a few.
     */
    int[] kind;
    double[] kindBandwidthBytesPerS = new double[4];
    double[] kindLatencyS = new double[4];
    int[] kindClass = new int[4];
    /** Per link, the first id of the block of consecutive ids of its kind that ends at it: a..b are of one kind iff kindRunStart[b] <= a. */
    int[] kindRunStart;
    /** Per kind, the sums of 0, 1, 2, ... of its latencies added one by one from 0 (as a pass over a route adds them). */
    private double[][] kindLatencySums = new double[4][];
    private int kindCount;
    private final Map<Kind, Integer> kindIds = new HashMap<>();
    private int lastKind = -1;
    /**
     * Flows taking bandwidth on each link. A link with one flow keeps its slot id in {@code soleSlot}, so that a
     * flow alone on most of its route touches no per-link list; a link with more keeps their slot ids in the first
     * {@code flowCount[link]} entries of {@code flowSlots[link]}, in the order the lists had before (appended,
     * a removed id replaced by the last).
     */
    int[] flowCount;
    int[] soleSlot;
    int[][] flowSlots;
    /** 1 + index of the link in the component being solved, 0 when not in it (the recompute's scratch). */
    int[] componentIndex;
    /** Until when an isolated group in closed form holds the link (s); no flow may start on it before. */
    private double[] heldUntilS;
    private boolean anyHeld;

    private int[] runScratch = new int[16];
    /** Routes shorter than this are scanned each time (an identity hash costs about what their scan does). */
    private static final int CACHED_MIN_LINKS = LinkOccupancy.VIRTUAL_MIN_LINKS;
    /** Slots of the direct-mapped cache of routes' runs (a power of two; a wafer run sends ~9,000 distinct routes). */
    private static final int RUN_CACHE_SIZE = 1 << 14;
    private int[][] runCacheRoutes;
    private int[][] runCacheRuns;

    private ActiveFlow[] slots = new ActiveFlow[64];
    /**
     * Per slot, what the recompute reads of every flow on a link it gathers, kept here so that it reads
     * arrays rather than the flows: the recompute that gathered the flow last, and the flow's rate while its
     * last byte is scheduled (+infinity before).
     */
    int[] slotMark = new int[64];
    double[] slotScheduledRate = new double[64];
    /** Per slot, the links of the flow's route that carry another flow too (0: the flow is alone on all of them). */
    int[] slotSharedLinks = new int[64];
    private int[] freeSlots = new int[64];
    private int freeSlotCount;
    private int slotsUsed;

    FlowLinks(int expectedLinks) {
        int n = Math.max(expectedLinks, 16);
        bandwidthBytesPerS = new double[n];
        latencyS = new double[n];
        kind = new int[n];
        kindRunStart = new int[n];
        flowCount = new int[n];
        soleSlot = new int[n];
        flowSlots = new int[n][];
        componentIndex = new int[n];
        heldUntilS = new double[n];
    }

    /** Adds {@code n} identical links of {@code linkClass} with consecutive ids; returns the first id. */
    int add(int n, int linkClass, double bandwidthBytesPerS, double latencyS) {
        int first = count;
        ensureCapacity(first + n);
        Arrays.fill(this.bandwidthBytesPerS, first, first + n, bandwidthBytesPerS);
        Arrays.fill(this.latencyS, first, first + n, latencyS);
        int k = kindOf(linkClass, bandwidthBytesPerS, latencyS);
        Arrays.fill(kind, first, first + n, k);
        Arrays.fill(kindRunStart, first, first + n, first > 0 && kind[first - 1] == k ? kindRunStart[first - 1] : first);
        count += n;
        return first;
    }

    private record Kind(int linkClass, long bandwidthBits, long latencyBits) {
    }

    private int kindOf(int linkClass, double bandwidthBytesPerS, double latencyS) {
        // Links are mostly added one at a time in long runs of one kind (a wafer's mesh).
        int k = lastKind;
        if (k >= 0 && kindClass[k] == linkClass && kindBandwidthBytesPerS[k] == bandwidthBytesPerS
                && Double.doubleToRawLongBits(kindLatencyS[k]) == Double.doubleToRawLongBits(latencyS)) {
            return k;
        }
        Kind key = new Kind(linkClass, Double.doubleToRawLongBits(bandwidthBytesPerS), Double.doubleToRawLongBits(latencyS));
        Integer known = kindIds.get(key);
        if (known == null) {
            known = kindCount++;
            if (known == kindClass.length) {
                kindBandwidthBytesPerS = Arrays.copyOf(kindBandwidthBytesPerS, known * 2);
                kindLatencyS = Arrays.copyOf(kindLatencyS, known * 2);
                kindClass = Arrays.copyOf(kindClass, known * 2);
                kindLatencySums = Arrays.copyOf(kindLatencySums, known * 2);
            }
            kindBandwidthBytesPerS[known] = bandwidthBytesPerS;
            kindLatencyS[known] = latencyS;
            kindClass[known] = linkClass;
            kindIds.put(key, known);
        }
        lastKind = known;
        return known;
    }

    private void ensureCapacity(int needed) {
        int capacity = bandwidthBytesPerS.length;
        if (needed <= capacity) {
            return;
        }
        int n = (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(needed, capacity * 2L));
        bandwidthBytesPerS = Arrays.copyOf(bandwidthBytesPerS, n);
        latencyS = Arrays.copyOf(latencyS, n);
        kind = Arrays.copyOf(kind, n);
        kindRunStart = Arrays.copyOf(kindRunStart, n);
        flowCount = Arrays.copyOf(flowCount, n);
        soleSlot = Arrays.copyOf(soleSlot, n);
        flowSlots = Arrays.copyOf(flowSlots, n);
        componentIndex = Arrays.copyOf(componentIndex, n);
        heldUntilS = Arrays.copyOf(heldUntilS, n);
    }

    void check(int link) {
        if (link < 0 || link >= count) {
            throw new IllegalArgumentException("link: no link with id " + link + " (have " + count + ")");
        }
    }

    /**
     * The sum of {@code n} latencies of kind {@code k} added one by one from 0, in the order a pass over a route adds
     * them (a zero latency is not added), so equal to what that pass gives.
     */
    double latencySum(int k, int n) {
        double[] sums = kindLatencySums[k];
        if (sums == null || n >= sums.length) {
            int from = sums == null ? 1 : sums.length;
            sums = kindLatencySums[k] = sums == null ? new double[Math.max(n + 1, 64)]
                    : Arrays.copyOf(sums, Math.max(n + 1, sums.length * 2));
            double latency = kindLatencyS[k];
            for (int i = from; i < sums.length; i++) {
                sums[i] = latency != 0 ? sums[i - 1] + latency : sums[i - 1];
            }
        }
        return sums[n];
    }

    /**
     * Checks every link of {@code route} (the first bad one in route order is refused) and returns its runs of
     * consecutive ids, as pairs (first, last): a mesh creates a route's links together, so a route is a few runs.
     * A long route's runs are kept by the array's identity (callers keep a mesh's routes and never change a route
     * array once handed over), so that a route sent again is not scanned again; links are never removed, so a route
     * checked once stays valid.
     */
    int[] runsOf(int[] route) {
        if (route.length < CACHED_MIN_LINKS) {
            return scanRuns(route);
        }
        if (runCacheRoutes == null) {
            runCacheRoutes = new int[RUN_CACHE_SIZE][];
            runCacheRuns = new int[RUN_CACHE_SIZE][];
        }
        int h = System.identityHashCode(route) & (RUN_CACHE_SIZE - 1);
        if (runCacheRoutes[h] == route) {
            return runCacheRuns[h];
        }
        int[] runs = scanRuns(route);
        runCacheRoutes[h] = route;
        runCacheRuns[h] = runs;
        return runs;
    }

    private int[] scanRuns(int[] route) {
        int[] runs = runScratch;
        int pairs = 0;
        int prev = -2;
        for (int link : route) {
            if (link < 0 || link >= count) {
                check(link);
            }
            if (link != prev + 1) {
                if (pairs > 0) {
                    runs[2 * pairs - 1] = prev;
                }
                if (2 * pairs + 2 > runs.length) {
                    runs = runScratch = Arrays.copyOf(runs, runs.length * 2);
                }
                runs[2 * pairs++] = link;
            }
            prev = link;
        }
        if (pairs > 0) {
            runs[2 * pairs - 1] = prev;
        }
        return Arrays.copyOf(runs, 2 * pairs);
    }

    // ---------------------------------------------------------------- flows on links

    /** Gives {@code f} a slot id; returns it. */
    int takeSlot(ActiveFlow f) {
        int slot = freeSlotCount > 0 ? freeSlots[--freeSlotCount] : slotsUsed++;
        if (slot == slots.length) {
            slots = Arrays.copyOf(slots, slot * 2);
            slotMark = Arrays.copyOf(slotMark, slot * 2);
            slotScheduledRate = Arrays.copyOf(slotScheduledRate, slot * 2);
            slotSharedLinks = Arrays.copyOf(slotSharedLinks, slot * 2);
        }
        slots[slot] = f;
        slotMark[slot] = 0;
        slotScheduledRate[slot] = Double.POSITIVE_INFINITY;
        slotSharedLinks[slot] = 0;
        f.slot = slot;
        return slot;
    }

    void freeSlot(ActiveFlow f) {
        slots[f.slot] = null;
        slotScheduledRate[f.slot] = Double.POSITIVE_INFINITY;
        if (freeSlotCount == freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, freeSlotCount * 2);
        }
        freeSlots[freeSlotCount++] = f.slot;
        f.slot = -1;
    }

    /** Slot ids in use are below this. */
    int slotsUsed() {
        return slotsUsed;
    }

    /** The flow in {@code slot}, or null. */
    ActiveFlow flowIn(int slot) {
        return slots[slot];
    }

    /** The slot id of the {@code i}th flow on {@code link}. */
    int slotOn(int link, int i) {
        return flowCount[link] == 1 ? soleSlot[link] : flowSlots[link][i];
    }

    /** The {@code i}th flow on {@code link}. */
    ActiveFlow flowOn(int link, int i) {
        return slots[slotOn(link, i)];
    }

    /**
     * Lists {@code slot} on {@code link}, which carries {@code n} >= 1 flows already (the caller handles an idle
     * link): the link becomes shared by every flow on it.
     */
    void addToShared(int link, int n, int slot) {
        int[] ids = flowSlots[link];
        if (ids == null) {
            ids = flowSlots[link] = new int[4];
        } else if (n == ids.length) {
            ids = flowSlots[link] = Arrays.copyOf(ids, n * 2);
        }
        if (n == 1) {
            int other = soleSlot[link];
            ids[0] = other;
            slotSharedLinks[other]++;
        }
        ids[n] = slot;
        slotSharedLinks[slot]++;
        flowCount[link] = n + 1;
    }

    /**
     * Takes {@code slot} off {@code link}, which carries {@code n} >= 2 flows (the caller handles a link it has
     * to itself); a flow left alone on it no longer shares it.
     */
    void removeFromShared(int link, int n, int slot) {
        int[] ids = flowSlots[link];
        int i = n - 1;
        while (ids[i] != slot) {
            i--;
        }
        ids[i] = ids[n - 1];
        flowCount[link] = n - 1;
        if (n == 2) {
            int other = ids[0];
            soleSlot[link] = other;
            slotSharedLinks[other]--;
        }
    }

    // ---------------------------------------------------------------- holds by isolated groups

    void hold(int link, double untilS) {
        anyHeld = true;
        heldUntilS[link] = untilS;
    }

    /** Whether every link carries no flow and no group holds it at {@code nowS}. */
    boolean idleAndFree(int[] links, double nowS) {
        for (int link : links) {
            if (heldUntilS[link] > nowS || flowCount[link] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Refuses a route crossing a link a group holds at {@code nowS} (or an unknown link, once any is held). */
    void checkNotHeld(int[] route, double nowS) {
        if (!anyHeld) {
            return;
        }
        for (int link : route) {
            check(link);
            if (anyHeld && heldUntilS[link] > nowS) {
                throw new IllegalStateException("link " + link + ": held by an isolated flow group until "
                        + heldUntilS[link] + " s, now " + nowS + " s");
            }
        }
    }
}
