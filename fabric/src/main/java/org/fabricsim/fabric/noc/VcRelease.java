package org.fabricsim.fabric.noc;

import org.fabricsim.core.registry.Named;
import org.fabricsim.core.registry.Registry;

/** When an output virtual channel held by a packet may be granted to the next packet. */
public enum VcRelease implements Named {
    TAIL_FLIT("when the tail flit leaves: the next packet's head may enter the downstream buffer behind the tail"),
    LAST_CREDIT("when the tail flit's credit returns: the downstream buffer has drained the packet (BookSim's"
            + " wait_for_tail_credit = 1)");

    /** Every policy, by the name a router's {@code vc_release:} gives. */
    public static final Registry<VcRelease> REGISTRY = Registry.of("vc_release", values());

    private final String description;

    VcRelease(String description) {
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }
}
