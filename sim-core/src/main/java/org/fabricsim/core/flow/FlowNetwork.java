package org.fabricsim.core.flow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.core.timeline.TimelineEvent;

/**
 * Links with a bandwidth and a latency, and flows along routes of links that share bandwidth max-min
 * fairly (progressive filling, Bertsekas and Gallager, Data Networks, 6.5.2; the SimGrid approach of
 * Velho et al., ACM TOMACS 23(4), 2013). Rates are recomputed only within the connected component (flows
 * joined by shared links) that a flow start or end touches, and there only for flows at or above a
 * floor below which the allocation provably cannot change; a flow's last-byte event is moved on the
 * {@link Timeline} only if its rate changed.
 *
 * <p>Semantics (a pipe): a flow takes bandwidth on every link of its route from its start until its
 * last byte has left the source; its completion fires the sum of its links' latencies after that. A
 * flow of b bytes alone therefore completes after sum(latency) + b / min(bandwidth, cap). A flow of 0
 * bytes takes no bandwidth and completes after its route latency; an empty route has no latency and
 * no bandwidth limit other than the flow's own cap.
 *
 * <p>Starts and ends in one instant are batched: they mark their component dirty and one recompute
 * runs at the same simulated time at {@link Timeline#LATE} priority (or earlier, on demand, when a
 * rate or the usage is read). Rates are piecewise constant between instants, so results are exact.
 *
 * <p>Per-link state lives in primitive arrays indexed by dense link ids; adding links allocates no
 * object per link. Not thread-safe: one network per run.
 */
public final class FlowNetwork {

    /** Called when a flow's last byte has arrived. */
    @FunctionalInterface
    public interface CompletionListener {
        void completed(Flow flow);
    }

    /** Last-byte events run before ordinary events of the same instant, so those see the link freed. */
    static final short SEND_DONE_PRIORITY = Timeline.EARLY;
    /** One recompute per instant, after every start and end of that instant. */
    static final short RECOMPUTE_PRIORITY = Timeline.LATE;
    /** A new rate within this relative distance of the old one keeps the old rate and its event. */
    static final double SAME_RATE_TOLERANCE = 1e-12;
    /** Flows within this relative distance above the floor are re-solved rather than fixed (rounding). */
    static final double FIXED_MARGIN = 1e-9;

    private static final Comparator<ActiveFlow> BY_CAP = Comparator.comparingDouble(f -> f.privateCapBytesPerS);

    private final Timeline timeline;

    // Links, by dense id.
    private int linkCount;
    private double[] bandwidthBytesPerS;
    private double[] latencyS;
    private int[] linkClassOf;
    private int[] flowsOnLinkCount;
    private int[][] flowsOnLink;
    private double[] bytesCarried;
    /** 1 + index of the link in the component being solved, 0 when not in it. */
    private int[] componentIndex;

    // Link classes.
    private final List<String> classNames = new ArrayList<>();
    private final Map<String, Integer> classIds = new HashMap<>();
    private int[] classLinks = new int[4];
    private int[] classBusyLinks = new int[4];
    private long[] classFlowLinkPairs = new long[4];
    private double[] classBusyLinkTimeS = new double[4];
    private double[] classFlowLinkTimeS = new double[4];
    private double[] classLastS = new double[4];

    // Flows occupying links, by slot id (the ids kept in the per-link lists).
    private ActiveFlow[] slots = new ActiveFlow[64];
    private int[] freeSlots = new int[64];
    private int freeSlotCount;
    private int slotsUsed;
    private int sendingFlows;
    private int inFlightFlows;
    private long bytesDelivered;

    // Pending recompute.
    private ActiveFlow[] dirtyFlows = new ActiveFlow[16];
    private int dirtyFlowCount;
    private int[] dirtyLinks = new int[16];
    private int dirtyLinkCount;
    /** Rates of flows that ended in this instant, lowest; flows below it and below new flows' floors keep their rates. */
    private double endedRateFloor = Double.POSITIVE_INFINITY;
    private TimelineEvent recomputeEvent;

    // Component scratch, reused between recomputes.
    private int epoch;
    private double fixedBelowBytesPerS;
    private ActiveFlow[] compFlows = new ActiveFlow[64];
    private int compFlowCount;
    private ActiveFlow[] compCapped = new ActiveFlow[16];
    private int compCappedCount;
    private int[] compLinks = new int[64];
    private double[] compRemaining = new double[64];
    private int[] compUnfrozen = new int[64];
    private double[] compShare = new double[64];
    private int[] heap = new int[64];
    private int heapSize;
    private int compLinkCount;

    // Statistics.
    private long recomputes;
    private long rateEvaluations;
    private long reschedules;

    public FlowNetwork(Timeline timeline) {
        this(timeline, 16);
    }

    /** As {@link #FlowNetwork(Timeline)} with room reserved for {@code expectedLinks} links. */
    public FlowNetwork(Timeline timeline, int expectedLinks) {
        if (timeline == null) {
            throw new IllegalArgumentException("timeline: must not be null");
        }
        if (expectedLinks < 0) {
            throw new IllegalArgumentException("expectedLinks: must be >= 0, got " + expectedLinks);
        }
        this.timeline = timeline;
        int n = Math.max(expectedLinks, 16);
        bandwidthBytesPerS = new double[n];
        latencyS = new double[n];
        linkClassOf = new int[n];
        flowsOnLinkCount = new int[n];
        flowsOnLink = new int[n][];
        bytesCarried = new double[n];
        componentIndex = new int[n];
    }

    // ---------------------------------------------------------------- links

    /** Adds one link; returns its id. {@code linkClass} groups links for utilisation reports. */
    public int addLink(int linkClass, double bandwidthBytesPerS, double latencyS) {
        return addLinks(1, linkClass, bandwidthBytesPerS, latencyS);
    }

    /** Adds {@code count} identical links with consecutive ids; returns the first id. */
    public int addLinks(int count, int linkClass, double bandwidthBytesPerS, double latencyS) {
        if (count < 0) {
            throw new IllegalArgumentException("count: must be >= 0, got " + count);
        }
        if (linkClass < 0 || linkClass >= classNames.size()) {
            throw new IllegalArgumentException("linkClass: no class with id " + linkClass + " (register it with linkClass(name))");
        }
        if (!(bandwidthBytesPerS > 0) || Double.isInfinite(bandwidthBytesPerS)) {
            throw new IllegalArgumentException("bandwidthBytesPerS: must be positive and finite, got " + bandwidthBytesPerS);
        }
        if (!(latencyS >= 0) || Double.isInfinite(latencyS)) {
            throw new IllegalArgumentException("latencyS: must be >= 0 and finite, got " + latencyS);
        }
        if ((long) linkCount + count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("count: too many links, have " + linkCount + ", adding " + count);
        }
        int first = linkCount;
        ensureLinkCapacity(first + count);
        Arrays.fill(this.bandwidthBytesPerS, first, first + count, bandwidthBytesPerS);
        Arrays.fill(this.latencyS, first, first + count, latencyS);
        Arrays.fill(this.linkClassOf, first, first + count, linkClass);
        classLinks[linkClass] += count;
        linkCount += count;
        return first;
    }

    private void ensureLinkCapacity(int needed) {
        int capacity = bandwidthBytesPerS.length;
        if (needed <= capacity) {
            return;
        }
        int n = (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(needed, capacity * 2L));
        bandwidthBytesPerS = Arrays.copyOf(bandwidthBytesPerS, n);
        latencyS = Arrays.copyOf(latencyS, n);
        linkClassOf = Arrays.copyOf(linkClassOf, n);
        flowsOnLinkCount = Arrays.copyOf(flowsOnLinkCount, n);
        flowsOnLink = Arrays.copyOf(flowsOnLink, n);
        bytesCarried = Arrays.copyOf(bytesCarried, n);
        componentIndex = Arrays.copyOf(componentIndex, n);
    }

    /** Registers a name for a link class (e.g. "mesh", "hbm", "nvlink", "infiniband"); returns its id (the same id for the same name). */
    public int linkClass(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: must be a non-blank link class name, got '" + name + "'");
        }
        Integer known = classIds.get(name);
        if (known != null) {
            return known;
        }
        int id = classNames.size();
        classNames.add(name);
        classIds.put(name, id);
        if (id == classLinks.length) {
            int n = id * 2;
            classLinks = Arrays.copyOf(classLinks, n);
            classBusyLinks = Arrays.copyOf(classBusyLinks, n);
            classFlowLinkPairs = Arrays.copyOf(classFlowLinkPairs, n);
            classBusyLinkTimeS = Arrays.copyOf(classBusyLinkTimeS, n);
            classFlowLinkTimeS = Arrays.copyOf(classFlowLinkTimeS, n);
            classLastS = Arrays.copyOf(classLastS, n);
        }
        classLastS[id] = timeline.now();
        return id;
    }

    /** The name a link class was registered with. */
    public String linkClassName(int linkClass) {
        if (linkClass < 0 || linkClass >= classNames.size()) {
            throw new IllegalArgumentException("linkClass: no class with id " + linkClass);
        }
        return classNames.get(linkClass);
    }

    public int linkCount() {
        return linkCount;
    }

    public double linkBandwidthBytesPerS(int link) {
        checkLink(link);
        return bandwidthBytesPerS[link];
    }

    public double linkLatencyS(int link) {
        checkLink(link);
        return latencyS[link];
    }

    public int linkClassOf(int link) {
        checkLink(link);
        return linkClassOf[link];
    }

    /** Sum of the latencies of the links of {@code route}. */
    public double routeLatencyS(int[] route) {
        double sum = 0;
        for (int link : route) {
            checkLink(link);
            sum += latencyS[link];
        }
        return sum;
    }

    /** The smallest bandwidth along {@code route} (+infinity for an empty route). */
    public double routeBottleneckBytesPerS(int[] route) {
        double min = Double.POSITIVE_INFINITY;
        for (int link : route) {
            checkLink(link);
            min = Math.min(min, bandwidthBytesPerS[link]);
        }
        return min;
    }

    /** Flows currently taking bandwidth on {@code link}. */
    public int flowsOnLink(int link) {
        checkLink(link);
        return flowsOnLinkCount[link];
    }

    /** Bytes that have crossed {@code link} up to now. */
    public double bytesCarried(int link) {
        checkLink(link);
        flushPendingRecompute();
        double now = timeline.now();
        int[] ids = flowsOnLink[link];
        for (int i = 0; i < flowsOnLinkCount[link]; i++) {
            settle(slots[ids[i]], now);
        }
        return bytesCarried[link];
    }

    /**
     * Credits to an idle {@code link} a transfer whose rates were computed outside the network by a caller that
     * had the link to itself (so max-min sharing with others could not arise): {@code bytes} crossed it, carried
     * by {@code flows} flows, keeping it busy for {@code busyS}. Only the usage statistics change.
     */
    public void creditPrivateTransfer(int link, double bytes, int flows, double busyS) {
        checkLink(link);
        if (!(bytes >= 0) || flows < 1 || !(busyS >= 0)) {
            throw new IllegalArgumentException("bytes, flows, busyS: must be >= 0, >= 1, >= 0, got " + bytes + ", "
                    + flows + ", " + busyS);
        }
        if (flowsOnLinkCount[link] != 0) {
            throw new IllegalStateException("link " + link + ": carries " + flowsOnLinkCount[link] + " flows, not private");
        }
        int c = linkClassOf[link];
        bytesCarried[link] += bytes;
        classBusyLinkTimeS[c] += busyS;
        classFlowLinkTimeS[c] += flows * busyS;
    }

    private void checkLink(int link) {
        if (link < 0 || link >= linkCount) {
            throw new IllegalArgumentException("link: no link with id " + link + " (have " + linkCount + ")");
        }
    }

    // ---------------------------------------------------------------- flows

    /**
     * Starts moving {@code bytes} along {@code route} (link ids in order; the array is not copied and
     * must not change). An empty route completes after 0 s; 0 bytes complete after the route latency.
     */
    public Flow transfer(int[] route, long bytes, CompletionListener onComplete) {
        return transfer(route, bytes, Double.POSITIVE_INFINITY, onComplete);
    }

    /** As {@link #transfer(int[], long, CompletionListener)} with the flow's rate capped (e.g. by its injector). */
    public Flow transfer(int[] route, long bytes, double maxRateBytesPerS, CompletionListener onComplete) {
        if (route == null) {
            throw new IllegalArgumentException("route: must not be null");
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes: must be >= 0, got " + bytes);
        }
        if (!(maxRateBytesPerS > 0)) {
            throw new IllegalArgumentException("maxRateBytesPerS: must be positive (or +infinity), got " + maxRateBytesPerS);
        }
        if (onComplete == null) {
            throw new IllegalArgumentException("onComplete: must not be null");
        }
        double now = timeline.now();
        ActiveFlow f = new ActiveFlow(this, route, bytes, maxRateBytesPerS, now, routeLatencyS(route), onComplete);
        inFlightFlows++;
        if (bytes == 0) {
            scheduleCompletion(f, now);
        } else if (route.length == 0) {
            if (Double.isInfinite(maxRateBytesPerS)) {
                scheduleCompletion(f, now);
            } else {
                f.rate = maxRateBytesPerS;
                f.schedules++;
                f.sendDone = timeline.at(now + bytes / maxRateBytesPerS, SEND_DONE_PRIORITY, () -> lastByteSent(f), "last byte of flow");
            }
        } else {
            occupyLinks(f);
            sendingFlows++;
            markDirty(f);
        }
        return f;
    }

    /** Flows started and not yet completed (sending, or their last byte still in flight). */
    public int activeFlows() {
        return inFlightFlows;
    }

    /** Flows currently taking bandwidth on their links. */
    public int sendingFlows() {
        return sendingFlows;
    }

    /** Total bytes delivered by completed flows. */
    public long bytesDelivered() {
        return bytesDelivered;
    }

    /** Recomputes run so far (one per batch of starts and ends). */
    public long recomputes() {
        return recomputes;
    }

    /** Flow rates evaluated by recomputes so far (the sum of the sizes of the components solved). */
    public long rateEvaluations() {
        return rateEvaluations;
    }

    /** Last-byte events scheduled or moved so far because a rate changed. */
    public long reschedules() {
        return reschedules;
    }

    private void occupyLinks(ActiveFlow f) {
        int slot = freeSlotCount > 0 ? freeSlots[--freeSlotCount] : slotsUsed++;
        if (slot == slots.length) {
            slots = Arrays.copyOf(slots, slot * 2);
        }
        slots[slot] = f;
        f.slot = slot;
        double now = timeline.now();
        for (int link : f.route) {
            int n = flowsOnLinkCount[link];
            int[] ids = flowsOnLink[link];
            if (ids == null) {
                ids = flowsOnLink[link] = new int[2];
            } else if (n == ids.length) {
                ids = flowsOnLink[link] = Arrays.copyOf(ids, n * 2);
            }
            ids[n] = slot;
            flowsOnLinkCount[link] = n + 1;
            int c = linkClassOf[link];
            advanceClass(c, now);
            if (n == 0) {
                classBusyLinks[c]++;
            }
            classFlowLinkPairs[c]++;
        }
    }

    private void releaseLinks(ActiveFlow f) {
        double now = timeline.now();
        int slot = f.slot;
        for (int link : f.route) {
            int n = flowsOnLinkCount[link];
            int[] ids = flowsOnLink[link];
            int i = n - 1;
            while (ids[i] != slot) {
                i--;
            }
            ids[i] = ids[n - 1];
            flowsOnLinkCount[link] = n - 1;
            int c = linkClassOf[link];
            advanceClass(c, now);
            if (n == 1) {
                classBusyLinks[c]--;
            }
            classFlowLinkPairs[c]--;
            addDirtyLink(link);
        }
        slots[slot] = null;
        if (freeSlotCount == freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, freeSlotCount * 2);
        }
        freeSlots[freeSlotCount++] = slot;
        f.slot = -1;
    }

    private void advanceClass(int c, double now) {
        double dt = now - classLastS[c];
        if (dt > 0) {
            classBusyLinkTimeS[c] += classBusyLinks[c] * dt;
            classFlowLinkTimeS[c] += classFlowLinkPairs[c] * dt;
            classLastS[c] = now;
        }
    }

    /** Credits the bytes sent since the last settle to the flow's links (the rate was constant since). */
    private void settle(ActiveFlow f, double now) {
        double dt = now - f.lastSettleS;
        if (dt > 0 && f.rate > 0) {
            double sent = Math.min(f.rate * dt, f.remainingBytes);
            f.remainingBytes -= sent;
            for (int link : f.route) {
                bytesCarried[link] += sent;
            }
        }
        f.lastSettleS = now;
    }

    private void lastByteSent(ActiveFlow f) {
        double now = timeline.now();
        f.sendDone = null;
        if (f.route.length > 0) {
            // Residue of the rate integral; the flow has sent exactly its bytes, so credit what is left.
            f.residueBytes = f.remainingBytes - f.rate * (now - f.lastSettleS);
            for (int link : f.route) {
                bytesCarried[link] += f.remainingBytes;
            }
            f.remainingBytes = 0;
            f.lastSettleS = now;
            endedRateFloor = Math.min(endedRateFloor, f.rate);
            releaseLinks(f);
            sendingFlows--;
        } else {
            f.remainingBytes = 0;
        }
        f.rate = 0;
        scheduleCompletion(f, now);
    }

    private void scheduleCompletion(ActiveFlow f, double lastByteS) {
        timeline.at(lastByteS + f.routeLatencyS, Timeline.NORMAL, () -> {
            f.completed = true;
            inFlightFlows--;
            bytesDelivered += f.bytes;
            f.listener.completed(f);
        }, "completion of flow");
    }

    // ---------------------------------------------------------------- recompute

    private void markDirty(ActiveFlow f) {
        if (dirtyFlowCount == dirtyFlows.length) {
            dirtyFlows = Arrays.copyOf(dirtyFlows, dirtyFlowCount * 2);
        }
        dirtyFlows[dirtyFlowCount++] = f;
        requestRecompute();
    }

    private void addDirtyLink(int link) {
        if (flowsOnLinkCount[link] == 0) {
            return;
        }
        if (dirtyLinkCount == dirtyLinks.length) {
            dirtyLinks = Arrays.copyOf(dirtyLinks, dirtyLinkCount * 2);
        }
        dirtyLinks[dirtyLinkCount++] = link;
        requestRecompute();
    }

    private void requestRecompute() {
        if (recomputeEvent == null) {
            recomputeEvent = timeline.at(timeline.now(), RECOMPUTE_PRIORITY, () -> {
                recomputeEvent = null;
                recompute();
            }, "flow rate recompute");
        }
    }

    /** Runs a pending recompute now (rates of flows started or touched in this instant become final). */
    void flushPendingRecompute() {
        if (recomputeEvent != null) {
            timeline.cancel(recomputeEvent);
            recomputeEvent = null;
            recompute();
        }
    }

    private void recompute() {
        if (dirtyFlowCount == 0 && dirtyLinkCount == 0) {
            return;
        }
        recomputes++;
        gatherComponent();
        solveMaxMin();
        applyRates();
        for (int i = 0; i < compLinkCount; i++) {
            componentIndex[compLinks[i]] = 0;
        }
        Arrays.fill(compFlows, 0, compFlowCount, null);
        Arrays.fill(compCapped, 0, compCappedCount, null);
    }

    /**
     * Breadth-first over flows and links from the dirty flows and links, through the flows whose rate
     * can change. Progressive filling with and without a flow g is identical below g's rate, so when g
     * ends, flows slower than g keep their rates; when g starts, flows slower than g's new rate keep
     * theirs, and that rate is at least min(cap, bandwidth / flows) over g's links (on its bottleneck
     * g is saturated and fastest). Flows below the lowest such bound in the batch are fixed: they
     * enter only as capacity taken from the links they share with the others.
     */
    private void gatherComponent() {
        epoch++;
        compFlowCount = 0;
        compCappedCount = 0;
        compLinkCount = 0;
        double floor = endedRateFloor;
        for (int i = 0; i < dirtyFlowCount; i++) {
            ActiveFlow f = dirtyFlows[i];
            if (f.slot >= 0) {
                double lowerBound = f.maxRateBytesPerS;
                for (int link : f.route) {
                    lowerBound = Math.min(lowerBound, bandwidthBytesPerS[link] / flowsOnLinkCount[link]);
                }
                floor = Math.min(floor, lowerBound);
            }
        }
        fixedBelowBytesPerS = floor * (1 - FIXED_MARGIN);
        for (int i = 0; i < dirtyFlowCount; i++) {
            ActiveFlow f = dirtyFlows[i];
            dirtyFlows[i] = null;
            if (f.slot >= 0 && f.mark != epoch) {
                addComponentFlow(f);
            }
        }
        for (int i = 0; i < dirtyLinkCount; i++) {
            int link = dirtyLinks[i];
            int[] ids = flowsOnLink[link];
            for (int j = 0, n = flowsOnLinkCount[link]; j < n; j++) {
                ActiveFlow f = slots[ids[j]];
                if (f.mark != epoch && !isFixed(f)) {
                    addComponentFlow(f);
                }
            }
        }
        dirtyFlowCount = 0;
        dirtyLinkCount = 0;
        endedRateFloor = Double.POSITIVE_INFINITY;
        int nextFlow = 0;
        int nextLink = 0;
        while (nextFlow < compFlowCount || nextLink < compLinkCount) {
            while (nextFlow < compFlowCount) {
                ActiveFlow f = compFlows[nextFlow++];
                for (int link : f.route) {
                    if (flowsOnLinkCount[link] == 1) {
                        // A link used by this flow alone is a private cap, not a shared constraint.
                        f.privateCapBytesPerS = Math.min(f.privateCapBytesPerS, bandwidthBytesPerS[link]);
                    } else if (componentIndex[link] == 0) {
                        addComponentLink(link);
                    }
                }
            }
            while (nextLink < compLinkCount) {
                int k = nextLink++;
                int link = compLinks[k];
                int[] ids = flowsOnLink[link];
                double remaining = bandwidthBytesPerS[link];
                int unfrozen = 0;
                for (int i = 0, n = flowsOnLinkCount[link]; i < n; i++) {
                    ActiveFlow f = slots[ids[i]];
                    if (isFixed(f)) {
                        remaining -= f.rate;
                    } else {
                        unfrozen++;
                        if (f.mark != epoch) {
                            addComponentFlow(f);
                        }
                    }
                }
                compRemaining[k] = remaining;
                compUnfrozen[k] = unfrozen;
            }
        }
        for (int i = 0; i < compFlowCount; i++) {
            ActiveFlow f = compFlows[i];
            if (f.privateCapBytesPerS < Double.POSITIVE_INFINITY) {
                if (compCappedCount == compCapped.length) {
                    compCapped = Arrays.copyOf(compCapped, compCappedCount * 2);
                }
                compCapped[compCappedCount++] = f;
            }
        }
    }

    /** A flow with a scheduled last byte whose rate is below this batch's floor keeps its rate. */
    private boolean isFixed(ActiveFlow f) {
        return f.sendDone != null && f.rate < fixedBelowBytesPerS;
    }

    private void addComponentFlow(ActiveFlow f) {
        f.mark = epoch;
        f.frozen = false;
        f.privateCapBytesPerS = f.maxRateBytesPerS;
        if (compFlowCount == compFlows.length) {
            compFlows = Arrays.copyOf(compFlows, compFlowCount * 2);
        }
        compFlows[compFlowCount++] = f;
    }

    private void addComponentLink(int link) {
        int k = compLinkCount++;
        if (k == compLinks.length) {
            int n = k * 2;
            compLinks = Arrays.copyOf(compLinks, n);
            compRemaining = Arrays.copyOf(compRemaining, n);
            compUnfrozen = Arrays.copyOf(compUnfrozen, n);
            compShare = Arrays.copyOf(compShare, n);
            heap = Arrays.copyOf(heap, n);
        }
        compLinks[k] = link;
        componentIndex[link] = k + 1;
    }

    /**
     * Progressive filling: all unfrozen flows rise together; the link whose remaining capacity divided
     * by its unfrozen flows is smallest saturates first and freezes its flows at that share, unless a
     * flow's own cap (or a link it has to itself) is lower. Shares never fall as flows freeze, so the min-heap of links keeps stale
     * keys as lower bounds and refreshes a link only when it reaches the top (lazy decrease-key);
     * O(sum of route lengths + links x log links) per component.
     */
    private void solveMaxMin() {
        heapSize = 0;
        for (int k = 0; k < compLinkCount; k++) {
            if (compUnfrozen[k] > 0) {
                compShare[k] = Math.max(0, compRemaining[k]) / compUnfrozen[k];
                heap[heapSize++] = k;
            }
        }
        for (int i = (heapSize >>> 1) - 1; i >= 0; i--) {
            siftDown(i);
        }
        if (compCappedCount > 1) {
            Arrays.sort(compCapped, 0, compCappedCount, BY_CAP);
        }
        int nextCapped = 0;
        int unfrozen = compFlowCount;
        // Every flow solved here ends at or above the floor; starting there keeps rates positive.
        double level = Double.isInfinite(fixedBelowBytesPerS) ? 0 : fixedBelowBytesPerS;
        while (unfrozen > 0) {
            while (nextCapped < compCappedCount && compCapped[nextCapped].frozen) {
                nextCapped++;
            }
            double capShare = nextCapped < compCappedCount ? compCapped[nextCapped].privateCapBytesPerS : Double.POSITIVE_INFINITY;
            double linkShare = Double.POSITIVE_INFINITY;
            while (heapSize > 0) {
                int k = heap[0];
                int n = compUnfrozen[k];
                if (n == 0) {
                    heap[0] = heap[--heapSize];
                    siftDown(0);
                    continue;
                }
                double share = Math.max(0, compRemaining[k]) / n;
                if (share > compShare[k]) {
                    compShare[k] = share;
                    siftDown(0);
                    if (heap[0] != k) {
                        continue;
                    }
                }
                linkShare = share;
                break;
            }
            if (capShare <= linkShare) {
                if (capShare == Double.POSITIVE_INFINITY) {
                    throw new IllegalStateException("flow solver: " + unfrozen + " flows left without a constraint");
                }
                level = Math.max(level, capShare);
                freeze(compCapped[nextCapped++], capShare);
                unfrozen--;
            } else {
                // Rates never fall during filling; max() guards against rounding below the level.
                level = Math.max(level, linkShare);
                int link = compLinks[heap[0]];
                int[] ids = flowsOnLink[link];
                for (int i = 0, n = flowsOnLinkCount[link]; i < n; i++) {
                    ActiveFlow f = slots[ids[i]];
                    if (f.mark == epoch && !f.frozen) {
                        freeze(f, level);
                        unfrozen--;
                    }
                }
            }
        }
    }

    private void freeze(ActiveFlow f, double rate) {
        f.frozen = true;
        f.newRate = rate;
        for (int link : f.route) {
            int k = componentIndex[link] - 1;
            if (k >= 0) {
                compRemaining[k] -= rate;
                compUnfrozen[k]--;
            }
        }
    }

    private void applyRates() {
        double now = timeline.now();
        rateEvaluations += compFlowCount;
        for (int i = 0; i < compFlowCount; i++) {
            ActiveFlow f = compFlows[i];
            f.rateEvaluations++;
            double r = f.newRate;
            if (f.sendDone != null && Math.abs(r - f.rate) <= SAME_RATE_TOLERANCE * f.rate) {
                continue;
            }
            settle(f, now);
            f.rate = r;
            if (f.sendDone != null) {
                timeline.cancel(f.sendDone);
            }
            double end = now + f.remainingBytes / r;
            f.sendDone = timeline.at(end, SEND_DONE_PRIORITY, () -> lastByteSent(f), "last byte of flow");
            f.schedules++;
            reschedules++;
        }
    }

    private void siftDown(int i) {
        int k = heap[i];
        double key = compShare[k];
        int half = heapSize >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < heapSize && compShare[heap[right]] < compShare[heap[child]]) {
                child = right;
            }
            int c = heap[child];
            if (key <= compShare[c]) {
                break;
            }
            heap[i] = c;
            i = child;
        }
        heap[i] = k;
    }

    // ---------------------------------------------------------------- usage

    /** Utilisation per link class since time 0 up to now. */
    public List<LinkClassUsage> usage() {
        flushPendingRecompute();
        double now = timeline.now();
        for (int s = 0; s < slotsUsed; s++) {
            if (slots[s] != null) {
                settle(slots[s], now);
            }
        }
        int classes = classNames.size();
        double[] utilSum = new double[classes];
        double[] utilPeak = new double[classes];
        double[] carried = new double[classes];
        for (int l = 0; l < linkCount; l++) {
            int c = linkClassOf[l];
            double u = bytesCarried[l] / bandwidthBytesPerS[l];
            utilSum[c] += u;
            utilPeak[c] = Math.max(utilPeak[c], u);
            carried[c] += bytesCarried[l];
        }
        List<LinkClassUsage> out = new ArrayList<>(classes);
        for (int c = 0; c < classes; c++) {
            advanceClass(c, now);
            double linkTime = (double) classLinks[c] * now;
            double busyTime = classBusyLinkTimeS[c];
            out.add(new LinkClassUsage(classNames.get(c), classLinks[c],
                    linkTime > 0 ? busyTime / linkTime : 0,
                    linkTime > 0 ? utilSum[c] / linkTime : 0,
                    now > 0 ? utilPeak[c] / now : 0,
                    busyTime > 0 ? classFlowLinkTimeS[c] / busyTime : 0,
                    carried[c]));
        }
        return out;
    }
}
