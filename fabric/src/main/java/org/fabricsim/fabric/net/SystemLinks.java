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
 * latency + bytes / bandwidth. A link may start at a sending replica's ports and go on into a receiving replica's
 * (a GPU's NICs), where its stripes share those ports with the systems' own flows. The links form the class
 * {@value #LINK_CLASS}.
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
        return add(bandwidthBytesPerS, latencyS, ReplicaPorts.NONE, ReplicaPorts.NONE);
    }

    /**
     * As {@link #add(double, double)}, a transfer from a replica to a replica then striped evenly over the sending
     * replica's ports {@code out} and the receiving one's {@code in}: as many stripes as the wider side has ports,
     * stripe k leaving through out port k mod |out|, crossing this link and arriving through in port k mod |in|
     * (the first {@code bytes % stripes} stripes carry one byte more), so it arrives when its slowest stripe has.
     */
    public SystemLink add(double bandwidthBytesPerS, double latencyS, ReplicaPorts out, ReplicaPorts in) {
        int id = network.addLink(linkClass, bandwidthBytesPerS, latencyS);
        ids.set(id);
        return new SystemLink() {
            private long sent;

            @Override
            public void send(long bytes, int from, int to, Runnable arrived) {
                sent += bytes;
                int[] leave = out.of(from);
                int[] reach = in.of(to);
                int stripes = (int) Math.max(1, Math.min(Math.max(leave.length, reach.length), bytes));
                Runnable each = stripes == 1 ? arrived : new Countdown(stripes, arrived);
                long share = bytes / stripes;
                long extra = bytes % stripes;
                for (int k = 0; k < stripes; k++) {
                    network.transfer(route(leave, k, id, reach), share + (k < extra ? 1 : 0), flow -> each.run());
                }
            }

            @Override
            public long bytesSent() {
                return sent;
            }
        };
    }

    /** Stripe k's links: its out port (if any), the link, its in port (if any). */
    private static int[] route(int[] leave, int k, int link, int[] reach) {
        int[] r = new int[(leave.length > 0 ? 1 : 0) + 1 + (reach.length > 0 ? 1 : 0)];
        int n = 0;
        if (leave.length > 0) {
            r[n++] = leave[k % leave.length];
        }
        r[n++] = link;
        if (reach.length > 0) {
            r[n] = reach[k % reach.length];
        }
        return r;
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
