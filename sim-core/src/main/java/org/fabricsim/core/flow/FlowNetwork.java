package org.fabricsim.core.flow;

import org.fabricsim.core.timeline.Timeline;

/**
 * CONTRACT STUB (to be implemented): links with a bandwidth and a latency, flows along routes of
 * links sharing bandwidth max-min fairly (progressive filling), rates recomputed for the connected
 * component a flow start or end touches, completion events rescheduled on the timeline.
 *
 * <p>A flow of b bytes alone on its route completes after sum(latency of its links) + b / min(bandwidth).
 * Links have dense int ids; per-link state lives in primitive arrays so that millions of links are cheap.
 */
public final class FlowNetwork {

    /** Called when a flow's last byte has arrived. */
    @FunctionalInterface
    public interface CompletionListener {
        void completed(Flow flow);
    }

    public FlowNetwork(Timeline timeline) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Adds one link; returns its id. {@code linkClass} groups links for utilisation reports. */
    public int addLink(int linkClass, double bandwidthBytesPerS, double latencyS) {
        throw new UnsupportedOperationException();
    }

    /** Adds {@code count} identical links with consecutive ids; returns the first id. */
    public int addLinks(int count, int linkClass, double bandwidthBytesPerS, double latencyS) {
        throw new UnsupportedOperationException();
    }

    /** Registers a name for a link class (e.g. "mesh", "hbm", "nvlink", "infiniband"); returns its id. */
    public int linkClass(String name) {
        throw new UnsupportedOperationException();
    }

    public int linkCount() {
        throw new UnsupportedOperationException();
    }

    /**
     * Starts moving {@code bytes} along {@code route} (link ids in order; the array is not copied and
     * must not change). An empty route completes after 0 s; 0 bytes complete after the route latency.
     */
    public Flow transfer(int[] route, long bytes, CompletionListener onComplete) {
        throw new UnsupportedOperationException();
    }

    /** As {@link #transfer(int[], long, CompletionListener)} with the flow's rate capped (e.g. by its injector). */
    public Flow transfer(int[] route, long bytes, double maxRateBytesPerS, CompletionListener onComplete) {
        throw new UnsupportedOperationException();
    }

    /** Flows currently moving bytes. */
    public int activeFlows() {
        throw new UnsupportedOperationException();
    }

    /** Total bytes delivered by completed flows. */
    public long bytesDelivered() {
        throw new UnsupportedOperationException();
    }

    /** Utilisation per link class since time 0 up to now. */
    public java.util.List<LinkClassUsage> usage() {
        throw new UnsupportedOperationException();
    }
}
