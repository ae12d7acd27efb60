package org.fabricsim.fabric;

import java.util.List;
import org.fabricsim.core.flow.LinkClassUsage;
import org.fabricsim.fabric.api.LinkUsage;

/** A flow network's utilisation per link class as the fabric API reports it; the one place fabrics convert. */
public final class FlowLinkUsage {
    private FlowLinkUsage() {
    }

    /** One link class's figures, unchanged. */
    public static LinkUsage of(LinkClassUsage u) {
        return new LinkUsage(u.linkClass(), u.links(), u.busyFraction(), u.meanUtilization(), u.peakUtilization(),
                u.meanConcurrentFlows(), u.bytesCarried());
    }

    /** Every class's figures, in the network's order. */
    public static List<LinkUsage> of(List<LinkClassUsage> usage) {
        return usage.stream().map(FlowLinkUsage::of).toList();
    }
}
