package org.fabricsim.core.flow;

import java.util.List;
import java.util.function.IntPredicate;
import org.fabricsim.core.timeline.Timeline;

/**
 * Links with a bandwidth and a latency, and flows along routes of links that share bandwidth max-min
 * fairly (progressive filling, Bertsekas and Gallager, Data Networks, 6.5.2; the SimGrid approach of
 * Velho et al., ACM TOMACS 23(4), 2013). This class is the flows' lifecycle; the parts it delegates to:
 * <ul>
 *   <li>{@link FlowLinks}: per-link state on dense arrays and the flows occupying each link;</li>
 *   <li>{@link RateRecompute}: after starts and ends, the touched component through a {@link MaxMinSolver}
 *       (which knows no timeline) and the last-byte events of flows whose rate changed;</li>
 *   <li>{@link LinkUsageMeter}: bytes and busy time per link and class;</li>
 *   <li>{@link FlowGroup.ClosedForm} and {@link GroupCountdown}: a group of flows completing as one, in
 *       closed form when it is alone and equal ({@link #transferIsolatedGroup});</li>
 *   <li>{@link org.fabricsim.core.queue.FifoBookings}: a link booked as a FIFO server without events ({@link #bookTransfer}), for
 *       the analytic fidelity.</li>
 * </ul>
 *
 * <p>Semantics (a pipe): a flow takes bandwidth on every link of its route from its start until its
 * last byte has left the source; its completion fires the sum of its links' latencies after that. A
 * flow of b bytes alone therefore completes after sum(latency) + b / min(bandwidth, cap). A flow of 0
 * bytes takes no bandwidth and completes after its route latency; an empty route has no latency and
 * no bandwidth limit other than the flow's own cap.
 *
 * <p>Starts and ends in one instant are batched into one recompute at the same simulated time (or
 * earlier, on demand, when a rate or the usage is read), so rates are exact. Not thread-safe: one
 * network per run.
 */
public final class FlowNetwork {

    /** Called when a flow's last byte has arrived. */
    @FunctionalInterface
    public interface CompletionListener {
        void completed(Flow flow);
    }

    private final Timeline timeline;
    private final FlowLinks links;
    private final LinkUsageMeter meter;
    private final RateRecompute rates;
    private final LinkOccupancy occupancy;
    private final org.fabricsim.core.queue.FifoBookings bookings = new org.fabricsim.core.queue.FifoBookings();
    private final FlowGroup.Scratch groupScratch = new FlowGroup.Scratch();

    private int sendingFlows;
    private int inFlightFlows;
    private long bytesDelivered;

    public FlowNetwork(Timeline timeline) {
        this(timeline, 16);
    }

    /** As {@link #FlowNetwork(Timeline)} with room reserved for {@code expectedLinks} links. */
    public FlowNetwork(Timeline timeline, int expectedLinks) {
        this(timeline, expectedLinks, LinkOccupancy.VIRTUAL_MIN_LINKS);
    }

    /** As above, taking routes of at least {@code virtualMinLinks} links virtually ({@link LinkOccupancy}; tests). */
    FlowNetwork(Timeline timeline, int expectedLinks, int virtualMinLinks) {
        if (timeline == null) {
            throw new IllegalArgumentException("timeline: must not be null");
        }
        if (expectedLinks < 0) {
            throw new IllegalArgumentException("expectedLinks: must be >= 0, got " + expectedLinks);
        }
        this.timeline = timeline;
        links = new FlowLinks(expectedLinks);
        meter = new LinkUsageMeter(Math.max(expectedLinks, 16));
        rates = new RateRecompute(timeline, links, meter, this::lastByteSent);
        occupancy = new LinkOccupancy(links, meter, rates, virtualMinLinks);
    }

    /** The timeline the network's flows run on. */
    public Timeline timeline() {
        return timeline;
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
        if ((long) links.count + count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("count: too many links, have " + links.count + ", adding " + count);
        }
        int first = links.add(count, linkClass, bandwidthBytesPerS, latencyS);
        meter.addLinks(first, count, linkClass);
        return first;
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
        return links.count;
    }

    public double linkBandwidthBytesPerS(int link) {
        links.check(link);
        return links.bandwidthBytesPerS[link];
    }

    public double linkLatencyS(int link) {
        links.check(link);
        return links.latencyS[link];
    }

    public int linkClassOf(int link) {
        links.check(link);
        return meter.linkClassOf(link);
    }

    /** Sum of the latencies of the links of {@code route}. */
    public double routeLatencyS(int[] route) {
        double sum = 0;
        for (int link : route) {
            links.check(link);
            sum += links.latencyS[link];
        }
        return sum;
    }

    /** The smallest bandwidth along {@code route} (+infinity for an empty route). */
    public double routeBottleneckBytesPerS(int[] route) {
        double min = Double.POSITIVE_INFINITY;
        for (int link : route) {
            links.check(link);
            min = Math.min(min, links.bandwidthBytesPerS[link]);
        }
        return min;
    }

    /** Flows currently taking bandwidth on {@code link}. */
    public int flowsOnLink(int link) {
        links.check(link);
        return links.flowCount[link] + (occupancy.virtualFlowOn(link) != null ? 1 : 0);
    }

    /** Bytes that have crossed {@code link} up to now. */
    public double bytesCarried(int link) {
        links.check(link);
        flushPendingRecompute();
        double now = timeline.now();
        for (int i = 0; i < links.flowCount[link]; i++) {
            links.flowOn(link, i).settle(now, meter);
        }
        ActiveFlow virtual = occupancy.virtualFlowOn(link);
        if (virtual != null) {
            virtual.settle(now, meter);
        }
        return meter.bytesCarried(link);
    }

    // ---------------------------------------------------------------- flows

    /**
     * Starts moving {@code bytes} along {@code route} (link ids in order; the array is not copied and must
     * never change, since the network keeps what it learns of it). An empty route completes after 0 s; 0 bytes
     * complete after the route latency.
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
        links.checkNotHeld(route, now);
        boolean sends = bytes > 0 && route.length > 0;
        int[] runs = sends ? links.runsOf(route) : null;
        ActiveFlow f = new ActiveFlow(this, route, bytes, maxRateBytesPerS, now, onComplete);
        if (!sends) {
            f.routeLatencyS = routeLatencyS(route);
        }
        inFlightFlows++;
        if (bytes == 0) {
            scheduleCompletion(f, now);
        } else if (route.length == 0) {
            if (Double.isInfinite(maxRateBytesPerS)) {
                scheduleCompletion(f, now);
            } else {
                f.rate = maxRateBytesPerS;
                f.schedules++;
                f.sendDone = timeline.at(now + bytes / maxRateBytesPerS, RateRecompute.SEND_DONE_PRIORITY,
                        () -> lastByteSent(f), "last byte of flow");
            }
        } else {
            occupancy.occupy(f, runs, now);
            sendingFlows++;
            rates.flowStarted(f);
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
            group.closedForm = FlowGroup.ClosedForm.of(group, links.bandwidthBytesPerS, links.latencyS, groupScratch);
            group.closedFormOf = this;
        }
        FlowGroup.ClosedForm run = group.closedForm;
        double now = timeline.now();
        if (run == FlowGroup.ClosedForm.NONE || !links.idleAndFree(run.links(), now)
                || occupancy.anyVirtualOn(run.links())) {
            transferGroup(group, done);
            return;
        }
        for (int k = 0; k < run.links().length; k++) {
            links.hold(run.links()[k], now + run.busyS()[k]);
        }
        timeline.at(now + run.finishS(), Timeline.NORMAL, () -> {
            for (int k = 0; k < run.links().length; k++) {
                meter.credit(run.links()[k], run.bytes()[k], run.flows()[k], run.busyS()[k]);
            }
            done.run();
        }, "isolated flow group");
    }

    /**
     * Books {@code bytes} on {@code link} without events (the analytic fidelity): the link is a FIFO server
     * of its bandwidth, so the bytes start at {@code atS} or when the bytes booked before them have left.
     * Returns when they arrive at the far end; the usage is metered at once, as for a flow alone on the
     * link. A booked link carries no flows.
     */
    public double bookTransfer(int link, long bytes, double atS) {
        links.check(link);
        if (bytes < 0 || !(atS >= 0)) {
            throw new IllegalArgumentException("bytes, atS: must be >= 0, got " + bytes + ", " + atS);
        }
        if (links.flowCount[link] != 0 || occupancy.virtualFlowOn(link) != null) {
            throw new IllegalStateException("link " + link + ": carries " + flowsOnLink(link) + " flows, cannot be booked");
        }
        double sendS = bytes / links.bandwidthBytesPerS[link];
        bookings.grow(links.count);
        double sentS = bookings.book(link, atS, sendS);
        meter.credit(link, bytes, 1, sendS);
        return sentS + links.latencyS[link];
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
        return rates.recomputes();
    }

    /** Flow rates evaluated by recomputes so far (the sum of the sizes of the components solved). */
    public long rateEvaluations() {
        return rates.rateEvaluations();
    }

    /** Last-byte events scheduled or moved so far because a rate changed. */
    public long reschedules() {
        return rates.reschedules();
    }

    private void lastByteSent(ActiveFlow f) {
        double now = timeline.now();
        f.sendDone = null;
        if (f.route.length > 0) {
            // Residue of the rate integral; the flow has sent exactly its bytes, so credit what is left.
            f.residueBytes = f.remainingBytes - f.rate * (now - f.lastSettleS);
            double lastBytes = f.remainingBytes;
            f.remainingBytes = 0;
            f.lastSettleS = now;
            rates.flowEnded(f.rate);
            occupancy.release(f, lastBytes, now);
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

    /** Runs a pending recompute now (rates of flows started or touched in this instant become final). */
    void flushPendingRecompute() {
        rates.flush();
    }

    // ---------------------------------------------------------------- usage

    /** Utilisation per link class since time 0 up to now. */
    public List<LinkClassUsage> usage() {
        return meter.usage(settleAll(), links.bandwidthBytesPerS);
    }

    /**
     * Utilisation per link class of the {@code counted} links only (e.g. the links one deployment's traffic can
     * cross), leaving out classes with none. Refuses a link left out that carried bytes.
     */
    public List<LinkClassUsage> usage(IntPredicate counted) {
        return meter.usage(settleAll(), links.bandwidthBytesPerS, counted, false);
    }

    /** Settles every flow's bytes up to now, for a usage report; returns now. */
    private double settleAll() {
        flushPendingRecompute();
        double now = timeline.now();
        for (int s = 0; s < links.slotsUsed(); s++) {
            ActiveFlow f = links.flowIn(s);
            if (f != null) {
                f.settle(now, meter);
            }
        }
        return now;
    }
}
