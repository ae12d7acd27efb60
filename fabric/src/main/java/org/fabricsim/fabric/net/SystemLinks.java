package org.fabricsim.fabric.net;

import java.util.List;
import org.fabricsim.core.flow.FlowNetwork;
import org.fabricsim.core.flow.LinkClassUsage;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.api.SystemLink;

/**
 * The links between systems of a run, as links of one flow network: a transfer is a flow, so transfers
 * that overlap on a link share it max-min fairly, and one alone takes latency + bytes / bandwidth.
 */
public final class SystemLinks {
    private final FlowNetwork network;
    private final int linkClass;

    public SystemLinks(Timeline timeline) {
        network = new FlowNetwork(timeline, 1);
        linkClass = network.linkClass("system-link");
    }

    /** Adds a link of {@code bandwidthBytesPerS} whose transfers arrive {@code latencyS} after their last byte left. */
    public SystemLink add(double bandwidthBytesPerS, double latencyS) {
        int[] route = {network.addLink(linkClass, bandwidthBytesPerS, latencyS)};
        return new SystemLink() {
            private long sent;

            @Override
            public void send(long bytes, Runnable arrived) {
                sent += bytes;
                network.transfer(route, bytes, flow -> arrived.run());
            }

            @Override
            public long bytesSent() {
                return sent;
            }
        };
    }

    /** What the links carried so far. */
    public List<LinkClassUsage> usage() {
        return network.usage();
    }
}
