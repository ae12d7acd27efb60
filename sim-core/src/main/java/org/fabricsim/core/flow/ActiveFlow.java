package org.fabricsim.core.flow;

import org.fabricsim.core.timeline.TimelineEvent;

/** A flow's mutable state inside its {@link FlowNetwork}; the network is its only writer. */
final class ActiveFlow implements Flow {
    final FlowNetwork network;
    final int[] route;
    final long bytes;
    final double maxRateBytesPerS;
    final double startTimeS;
    /** Sum of the route's link latencies (set when the flow takes its links, if it does). */
    double routeLatencyS;
    /** The route's smallest link bandwidth, set when the flow takes its links. */
    double narrowestBytesPerS;
    /** The class of every link of the route, or -1 if they are of several (set when the flow takes its links). */
    int routeClass;
    final FlowNetwork.CompletionListener listener;
    /** The route's runs of consecutive link ids as pairs (first, last), its lowest and highest id (set when it sends). */
    int[] runs;
    int lowestLink;
    int highestLink;
    /** Index among the flows holding their links virtually ({@link LinkOccupancy}), or -1 if its links are written. */
    int virtualIndex = -1;

    /** Slot id in the network's flow table while the flow occupies links, else -1. */
    int slot = -1;
    double rate;
    double remainingBytes;
    double lastSettleS;
    TimelineEvent sendDone;
    boolean completed;

    /** Component scratch: min(cap, links it has to itself). */
    double privateCapBytesPerS;
    /** The last-byte event's action, made once (a flow's last byte may be rescheduled thousands of times). */
    Runnable lastByteAction;

    /** How often a recompute evaluated this flow's rate (component-locality check). */
    int rateEvaluations;
    /** How often its last-byte event was (re)scheduled. */
    int schedules;
    /** Bytes left by the integral of rate over time when the last-byte event fired (float residue). */
    double residueBytes;

    ActiveFlow(FlowNetwork network, int[] route, long bytes, double maxRateBytesPerS, double startTimeS,
            FlowNetwork.CompletionListener listener) {
        this.network = network;
        this.route = route;
        this.bytes = bytes;
        this.maxRateBytesPerS = maxRateBytesPerS;
        this.startTimeS = startTimeS;
        this.listener = listener;
        this.remainingBytes = bytes;
        this.lastSettleS = startTimeS;
    }

    /** Credits the bytes sent since the last settle to the flow's links (the rate was constant since). */
    void settle(double nowS, LinkUsageMeter meter) {
        double dt = nowS - lastSettleS;
        if (dt > 0 && rate > 0) {
            double sent = Math.min(rate * dt, remainingBytes);
            remainingBytes -= sent;
            meter.carried(route, sent);
        }
        lastSettleS = nowS;
    }

    @Override
    public long bytes() {
        return bytes;
    }

    @Override
    public double startTimeS() {
        return startTimeS;
    }

    @Override
    public double rateBytesPerS() {
        network.flushPendingRecompute();
        return rate;
    }

    @Override
    public String toString() {
        return "flow of " + bytes + " B over " + route.length + " links started at t=" + startTimeS + " s";
    }
}
