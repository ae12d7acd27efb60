package org.fabricsim.cli.bench;

import java.util.SplittableRandom;
import org.fabricsim.core.flow.Flow;
import org.fabricsim.core.flow.FlowNetwork;
import org.fabricsim.core.timeline.Timeline;

/**
 * Flow-network load for rate-update throughput: {@code concurrentFlows} flows over {@code links} links,
 * each flow crossing {@value #ROUTE_LINKS} random links; whenever a flow completes a new one starts, so the
 * number of concurrent flows stays constant and every completion and start forces a rate recomputation.
 * Written against the {@link FlowNetwork} contract; until it is implemented construction throws
 * UnsupportedOperationException.
 */
public final class FlowChurn {
    private static final int ROUTE_LINKS = 4;
    private static final double LINK_BANDWIDTH_BYTES_PER_S = 100e9;
    private static final double LINK_LATENCY_S = 1e-6;
    private static final long MIN_BYTES = 1L << 20;
    private static final long MAX_BYTES = 16L << 20;

    private final Timeline timeline = new Timeline("flow-churn");
    private final FlowNetwork network;
    private final SplittableRandom random;
    private final int links;
    private long completions;
    private long target;

    public FlowChurn(int concurrentFlows, int links, long seed) {
        if (concurrentFlows < 1) {
            throw new IllegalArgumentException("concurrentFlows: must be >= 1, got " + concurrentFlows);
        }
        if (links < ROUTE_LINKS) {
            throw new IllegalArgumentException("links: must be >= " + ROUTE_LINKS + ", got " + links);
        }
        this.network = new FlowNetwork(timeline);
        this.random = new SplittableRandom(seed);
        this.links = links;
        network.addLinks(links, network.linkClass("bench"), LINK_BANDWIDTH_BYTES_PER_S, LINK_LATENCY_S);
        for (int i = 0; i < concurrentFlows; i++) {
            start();
        }
    }

    private void start() {
        int[] route = new int[ROUTE_LINKS];
        for (int i = 0; i < ROUTE_LINKS; i++) {
            route[i] = distinctLink(route, i);
        }
        network.transfer(route, random.nextLong(MIN_BYTES, MAX_BYTES), this::completed);
    }

    private int distinctLink(int[] route, int filled) {
        while (true) {
            int link = random.nextInt(links);
            boolean used = false;
            for (int j = 0; j < filled; j++) {
                used |= route[j] == link;
            }
            if (!used) {
                return link;
            }
        }
    }

    private void completed(Flow flow) {
        completions++;
        start();
        if (completions >= target) {
            timeline.stop();
        }
    }

    /**
     * Runs until {@code flows} more flows have completed (each replaced by a new one, so 2 rate updates per
     * completed flow: its end and its successor's start); returns the simulated time reached.
     */
    public double run(long flows) {
        target = completions + flows;
        timeline.run();
        return timeline.now();
    }

    /** Bytes delivered by completed flows so far. */
    public long bytesDelivered() {
        return network.bytesDelivered();
    }

    /** Upper bound on the delivery rate: every link busy, each flow using {@value #ROUTE_LINKS} of them. */
    public double capacityBytesPerS() {
        return links * LINK_BANDWIDTH_BYTES_PER_S / ROUTE_LINKS;
    }

    /** Flows moving bytes now. */
    public int activeFlows() {
        return network.activeFlows();
    }
}
