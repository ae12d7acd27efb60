package org.fabricsim.fabric.wafer;

import org.fabricsim.core.flow.FlowNetwork;

/**
 * The links of a layer pipeline of wafers: wafer i sends to wafer i + 1 and the last sends the sampled
 * token back to the first, each over one link of the given bandwidth and latency in the flow network.
 */
public final class InterWaferLinks {
    private final int wafers;
    private final int[][] routes;
    private final FlowNetwork network;
    private final double bandwidthBytesPerS;
    private final double latencyS;

    public InterWaferLinks(int wafers, FlowNetwork network, int linkClass, double bandwidthBytesPerS, double latencyS) {
        if (wafers < 1) {
            throw new IllegalArgumentException("wafers: must be >= 1, got " + wafers);
        }
        if (!(bandwidthBytesPerS > 0)) {
            throw new IllegalArgumentException("inter_wafer_bandwidth_bytes_per_s: must be > 0, got " + bandwidthBytesPerS);
        }
        if (!(latencyS >= 0)) {
            throw new IllegalArgumentException("inter_wafer_latency_s: must be >= 0, got " + latencyS);
        }
        this.wafers = wafers;
        this.network = network;
        this.bandwidthBytesPerS = bandwidthBytesPerS;
        this.latencyS = latencyS;
        this.routes = new int[wafers][];
        if (wafers > 1) {
            for (int i = 0; i < wafers; i++) {
                routes[i] = new int[] {network.addLink(linkClass, bandwidthBytesPerS, latencyS)};
            }
        }
    }

    /** Sends bytes from wafer {@code from} to the next wafer in the ring; done runs on arrival. */
    public void sendToNext(int from, long bytes, Runnable done) {
        if (from < 0 || from >= wafers) {
            throw new IllegalArgumentException("from: must be in [0, " + wafers + "), got " + from);
        }
        if (wafers == 1) {
            done.run();
            return;
        }
        network.transfer(routes[from], bytes, f -> done.run());
    }

    /**
     * Books a crossing without events (fidelity analytic; {@link FlowNetwork#bookTransfer}): the link is a FIFO
     * server of its bandwidth, so the bytes start when they arrive at {@code atS} or when the link has sent
     * earlier bytes; returns when they arrive at the next wafer.
     */
    public double reserveCrossing(int from, long bytes, double atS) {
        if (from < 0 || from >= wafers) {
            throw new IllegalArgumentException("from: must be in [0, " + wafers + "), got " + from);
        }
        if (wafers == 1) {
            return atS;
        }
        return network.bookTransfer(routes[from][0], bytes, atS);
    }

    public int wafers() {
        return wafers;
    }

    /** Seconds one idle crossing of {@code bytes} takes. */
    public double idleCrossingSeconds(long bytes) {
        return wafers == 1 ? 0 : latencyS + bytes / bandwidthBytesPerS;
    }
}
