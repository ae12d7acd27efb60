package org.fabricsim.fabric.net;

import java.util.BitSet;
import java.util.List;
import org.fabricsim.core.flow.FlowNetwork;
import org.fabricsim.core.flow.LinkClassUsage;
import org.fabricsim.core.timeline.Countdown;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.api.SystemLink;

/**
 * Links between systems of a run, as links of a flow network (the receiving system's own, or one of their own):
 * a transfer is a flow, so transfers that overlap on a link share it max-min fairly, and one alone takes
 * latency + bytes / bandwidth. A link may go on into a replica's ports (a GPU's NIC), where its stripes share
 * those ports with the receiving system's own flows. The links form the class {@value #LINK_CLASS}.
 */
public final class SystemLinks {
    /** The class name the links report their usage under. */
    public static final String LINK_CLASS = "system-link";

    private final FlowNetwork network;
    private final int linkClass;
    private final BitSet ids = new BitSet();

    /** Links on a network of their own on {@code timeline} (a system whose hardware has no flow network). */
    public SystemLinks(Timeline timeline) {
        this(new FlowNetwork(timeline, 1));
    }

    /** Links added to {@code network}, so their flows are solved with the network's others. */
    public SystemLinks(FlowNetwork network) {
        this.network = network;
        this.linkClass = network.linkClass(LINK_CLASS);
    }

    /** Adds a link of {@code bandwidthBytesPerS} whose transfers arrive {@code latencyS} after their last byte left. */
    public SystemLink add(double bandwidthBytesPerS, double latencyS) {
        return add(bandwidthBytesPerS, latencyS, ReplicaPorts.NONE);
    }

    /**
     * As {@link #add(double, double)}, a transfer to a replica then striped evenly over the replica's
     * {@code ports} (one flow per port crossing this link and that port; the first {@code bytes % ports} flows
     * carry one byte more), so it arrives when its slowest stripe has.
     */
    public SystemLink add(double bandwidthBytesPerS, double latencyS, ReplicaPorts ports) {
        int id = network.addLink(linkClass, bandwidthBytesPerS, latencyS);
        ids.set(id);
        int[] alone = {id};
        return new SystemLink() {
            private long sent;

            @Override
            public void send(long bytes, int replica, Runnable arrived) {
                sent += bytes;
                int[] in = ports.of(replica);
                int stripes = (int) Math.min(in.length, bytes);
                if (stripes < 2) {
                    network.transfer(stripes == 1 ? new int[] {id, in[0]} : alone, bytes, flow -> arrived.run());
                    return;
                }
                Countdown all = new Countdown(stripes, arrived);
                long share = bytes / stripes;
                long extra = bytes % stripes;
                for (int k = 0; k < stripes; k++) {
                    network.transfer(new int[] {id, in[k]}, share + (k < extra ? 1 : 0), flow -> all.run());
                }
            }

            @Override
            public long bytesSent() {
                return sent;
            }
        };
    }

    /** True if {@code link} of the network is one of these links. */
    public boolean contains(int link) {
        return ids.get(link);
    }

    /** What the network's links carried so far (these and any others it holds). */
    public List<LinkClassUsage> usage() {
        return network.usage();
    }
}
