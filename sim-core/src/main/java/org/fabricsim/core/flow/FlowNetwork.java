package org.fabricsim.core.flow;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
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
 * <p>The rates come from a {@link MaxMinSolver} fed with the component; the bytes and busy time from a
 * {@link LinkUsageMeter}. A group of isolated equal flows runs in closed form as one event
 * ({@link #transferIsolatedGroup}), and a link can be booked as a FIFO server without events
 * ({@link #bookTransfer}), for the analytic fidelity.
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

    private final Timeline timeline;

    // Links, by dense id.
    private int linkCount;
    private double[] bandwidthBytesPerS;
    private double[] latencyS;
    private int[] flowsOnLinkCount;
    private int[][] flowsOnLink;
    /** 1 + index of the link in the component being solved, 0 when not in it. */
    private int[] componentIndex;
    /** Until when an isolated group in closed form holds the link (s); no flow may start on it before. */
    private double[] heldUntilS;
    private boolean anyHeld;
    /** When a booked link has sent what was booked on it (s); null until the first booking. */
    private double[] bookedFreeAtS;
    private final LinkUsageMeter meter;
    private final FlowGroup.Scratch groupScratch = new FlowGroup.Scratch();

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
    private int[] compLinks = new int[64];
    private int compLinkCount;
    private final MaxMinSolver solver = new MaxMinSolver();

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
        flowsOnLinkCount = new int[n];
        flowsOnLink = new int[n][];
        componentIndex = new int[n];
        heldUntilS = new double[n];
        meter = new LinkUsageMeter(n);
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
        if (linkClass < 0 || linkClass >= meter.classCount()) {
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
        meter.addLinks(first, count, linkClass);
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
        flowsOnLinkCount = Arrays.copyOf(flowsOnLinkCount, n);
        flowsOnLink = Arrays.copyOf(flowsOnLink, n);
        componentIndex = Arrays.copyOf(componentIndex, n);
        heldUntilS = Arrays.copyOf(heldUntilS, n);
        if (bookedFreeAtS != null) {
            bookedFreeAtS = Arrays.copyOf(bookedFreeAtS, n);
        }
    }

    /** Registers a name for a link class (e.g. "mesh", "hbm", "nvlink", "infiniband"); returns its id (the same id for the same name). */
    public int linkClass(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: must be a non-blank link class name, got '" + name + "'");
        }
        return meter.linkClass(name, timeline.now());
    }

    /** The name a link class was registered with. */
    public String linkClassName(int linkClass) {
        if (linkClass < 0 || linkClass >= meter.classCount()) {
            throw new IllegalArgumentException("linkClass: no class with id " + linkClass);
        }
        return meter.className(linkClass);
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
        return meter.linkClassOf(link);
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
        return meter.bytesCarried(link);
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
        if (anyHeld) {
            checkNotHeld(route, now);
        }
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

    /** Starts every flow of {@code group} now; {@code done} runs when the last has arrived and its tail has passed. */
    public void transferGroup(FlowGroup group, Runnable done) {
        if (done == null) {
            throw new IllegalArgumentException("done: must not be null");
        }
        GroupCountdown c = new GroupCountdown(group.flows, timeline, done);
        for (int f = 0; f < group.flows; f++) {
            double tail = group.tailS == null ? 0 : group.tailS[f];
            transfer(group.routes[f], group.bytes[f], flow -> c.arrived(tail));
        }
    }

    /**
     * As {@link #transferGroup} for a caller that guarantees no other transfer starts on the group's links
     * until it completes (e.g. a replica alone on its node). If the group's flows are equal on every link
     * (equal bytes, equal even shares) and its links carry no flow, the flows' max-min rates are known
     * without solving: the group runs in closed form as one event, with the completion time and the link
     * bytes and busy time the flows would have (equal up to rounding; FlowGroupTest holds it). Otherwise it
     * runs as flows. While it holds its links (each until its last byte), a flow starting on them is
     * refused, since it would break the closed form.
     */
    public void transferIsolatedGroup(FlowGroup group, Runnable done) {
        if (done == null) {
            throw new IllegalArgumentException("done: must not be null");
        }
        if (group.closedFormOf != this) {
            group.closedForm = FlowGroup.ClosedForm.of(group, bandwidthBytesPerS, latencyS, groupScratch);
            group.closedFormOf = this;
        }
        FlowGroup.ClosedForm run = group.closedForm;
        double now = timeline.now();
        if (run == FlowGroup.ClosedForm.NONE || !idleAndFree(run.links(), now)) {
            transferGroup(group, done);
            return;
        }
        anyHeld = true;
        for (int k = 0; k < run.links().length; k++) {
            heldUntilS[run.links()[k]] = now + run.busyS()[k];
        }
        timeline.at(now + run.finishS(), Timeline.NORMAL, () -> {
            for (int k = 0; k < run.links().length; k++) {
                meter.credit(run.links()[k], run.bytes()[k], run.flows()[k], run.busyS()[k]);
            }
            done.run();
        }, "isolated flow group");
    }

    private boolean idleAndFree(int[] links, double now) {
        for (int link : links) {
            if (heldUntilS[link] > now || flowsOnLinkCount[link] != 0) {
                return false;
            }
        }
        return true;
    }

    private void checkNotHeld(int[] route, double now) {
        for (int link : route) {
            checkLink(link);
            if (heldUntilS[link] > now) {
                throw new IllegalStateException("link " + link + ": held by an isolated flow group until "
                        + heldUntilS[link] + " s, now " + now + " s");
            }
        }
    }

    /**
     * Books {@code bytes} on {@code link} without events (the analytic fidelity): the link is a FIFO server
     * of its bandwidth, so the bytes start at {@code atS} or when the bytes booked before them have left.
     * Returns when they arrive at the far end; the usage is metered at once, as for a flow alone on the
     * link. A booked link carries no flows.
     */
    public double bookTransfer(int link, long bytes, double atS) {
        checkLink(link);
        if (bytes < 0 || !(atS >= 0)) {
            throw new IllegalArgumentException("bytes, atS: must be >= 0, got " + bytes + ", " + atS);
        }
        if (flowsOnLinkCount[link] != 0) {
            throw new IllegalStateException("link " + link + ": carries " + flowsOnLinkCount[link] + " flows, cannot be booked");
        }
        if (bookedFreeAtS == null) {
            bookedFreeAtS = new double[bandwidthBytesPerS.length];
        }
        double sendS = bytes / bandwidthBytesPerS[link];
        double start = Math.max(atS, bookedFreeAtS[link]);
        bookedFreeAtS[link] = start + sendS;
        meter.credit(link, bytes, 1, sendS);
        return start + sendS + latencyS[link];
    }

    /** Runs {@code done} when the last flow of a group arrives, plus the longest tail latency still owed. */
    private static final class GroupCountdown {
        private int remaining;
        private final Timeline timeline;
        private final Runnable done;
        private double doneAtS = Double.NEGATIVE_INFINITY;

        GroupCountdown(int remaining, Timeline timeline, Runnable done) {
            this.remaining = remaining;
            this.timeline = timeline;
            this.done = done;
        }

        void arrived(double tailS) {
            doneAtS = Math.max(doneAtS, timeline.now() + tailS);
            if (--remaining == 0) {
                if (doneAtS <= timeline.now()) {
                    done.run();
                } else {
                    timeline.at(doneAtS, Timeline.NORMAL, done, "flow group tail");
                }
            }
        }
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
            meter.flowAdded(link, n == 0, now);
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
            meter.flowRemoved(link, n == 1, now);
            addDirtyLink(link);
        }
        slots[slot] = null;
        if (freeSlotCount == freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, freeSlotCount * 2);
        }
        freeSlots[freeSlotCount++] = slot;
        f.slot = -1;
    }

    /** Credits the bytes sent since the last settle to the flow's links (the rate was constant since). */
    private void settle(ActiveFlow f, double now) {
        double dt = now - f.lastSettleS;
        if (dt > 0 && f.rate > 0) {
            double sent = Math.min(f.rate * dt, f.remainingBytes);
            f.remainingBytes -= sent;
            meter.carried(f.route, sent);
        }
        f.lastSettleS = now;
    }

    private void lastByteSent(ActiveFlow f) {
        double now = timeline.now();
        f.sendDone = null;
        if (f.route.length > 0) {
            // Residue of the rate integral; the flow has sent exactly its bytes, so credit what is left.
            f.residueBytes = f.remainingBytes - f.rate * (now - f.lastSettleS);
            meter.carried(f.route, f.remainingBytes);
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
        // Every flow solved here ends at or above the floor; starting there keeps rates positive.
        solver.solve(Double.isInfinite(fixedBelowBytesPerS) ? 0 : fixedBelowBytesPerS);
        applyRates();
        for (int i = 0; i < compLinkCount; i++) {
            componentIndex[compLinks[i]] = 0;
        }
        Arrays.fill(compFlows, 0, compFlowCount, null);
    }

    /**
     * Breadth-first over flows and links from the dirty flows and links, through the flows whose rate
     * can change, into the solver. Progressive filling with and without a flow g is identical below g's
     * rate, so when g ends, flows slower than g keep their rates; when g starts, flows slower than g's new
     * rate keep theirs, and that rate is at least min(cap, bandwidth / flows) over g's links (on its
     * bottleneck g is saturated and fastest). Flows below the lowest such bound in the batch are fixed:
     * they enter only as capacity taken from the links they share with the others. A link a flow has to
     * itself enters as the flow's cap.
     */
    private void gatherComponent() {
        epoch++;
        compFlowCount = 0;
        compLinkCount = 0;
        solver.clear();
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
                        f.privateCapBytesPerS = Math.min(f.privateCapBytesPerS, bandwidthBytesPerS[link]);
                    } else if (componentIndex[link] == 0) {
                        addComponentLink(link);
                    }
                }
            }
            // Links are taken in index order, so the solver's link k is compLinks[k].
            while (nextLink < compLinkCount) {
                int link = compLinks[nextLink++];
                int[] ids = flowsOnLink[link];
                double remaining = bandwidthBytesPerS[link];
                for (int i = 0, n = flowsOnLinkCount[link]; i < n; i++) {
                    ActiveFlow f = slots[ids[i]];
                    if (isFixed(f)) {
                        remaining -= f.rate;
                    } else if (f.mark != epoch) {
                        addComponentFlow(f);
                    }
                }
                solver.addLink(remaining);
            }
        }
        for (int i = 0; i < compFlowCount; i++) {
            ActiveFlow f = compFlows[i];
            solver.addFlow(f.privateCapBytesPerS);
            for (int link : f.route) {
                int k = componentIndex[link] - 1;
                if (k >= 0) {
                    solver.addIncidence(k);
                }
            }
        }
    }

    /** A flow with a scheduled last byte whose rate is below this batch's floor keeps its rate. */
    private boolean isFixed(ActiveFlow f) {
        return f.sendDone != null && f.rate < fixedBelowBytesPerS;
    }

    private void addComponentFlow(ActiveFlow f) {
        f.mark = epoch;
        f.privateCapBytesPerS = f.maxRateBytesPerS;
        if (compFlowCount == compFlows.length) {
            compFlows = Arrays.copyOf(compFlows, compFlowCount * 2);
        }
        compFlows[compFlowCount++] = f;
    }

    private void addComponentLink(int link) {
        int k = compLinkCount++;
        if (k == compLinks.length) {
            compLinks = Arrays.copyOf(compLinks, k * 2);
        }
        compLinks[k] = link;
        componentIndex[link] = k + 1;
    }

    private void applyRates() {
        double now = timeline.now();
        rateEvaluations += compFlowCount;
        for (int i = 0; i < compFlowCount; i++) {
            ActiveFlow f = compFlows[i];
            f.rateEvaluations++;
            double r = solver.rate(i);
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

    // ---------------------------------------------------------------- usage

    /** Utilisation per link class since time 0 up to now. */
    public List<LinkClassUsage> usage() {
        return meter.usage(settleAll(), bandwidthBytesPerS);
    }

    /**
     * Utilisation per link class of the {@code counted} links only (e.g. the links one deployment's traffic can
     * cross), leaving out classes with none. Refuses a link left out that carried bytes.
     */
    public List<LinkClassUsage> usage(IntPredicate counted) {
        return meter.usage(settleAll(), bandwidthBytesPerS, counted, false);
    }

    /** Settles every flow's bytes up to now, for a usage report; returns now. */
    private double settleAll() {
        flushPendingRecompute();
        double now = timeline.now();
        for (int s = 0; s < slotsUsed; s++) {
            if (slots[s] != null) {
                settle(slots[s], now);
            }
        }
        return now;
    }
}
