package org.fabricsim.fabric.net;

import org.fabricsim.core.flow.FlowNetwork;

/**
 * Hardware on a flow network that links between systems can reach: the network itself (a system built beside
 * another shares it) and the ports through which bytes leave each of its replicas.
 */
public interface NetworkPorts {
    /** The flow network this hardware's links are on. */
    FlowNetwork flowNetwork();

    /** Where bytes leave each replica for another system (a GPU replica's NIC uplinks); none by default. */
    default ReplicaPorts egressPorts() {
        return ReplicaPorts.NONE;
    }

    /**
     * The ports bytes sent from {@code from} leave through, when {@code from} is on {@code network}; none when it is
     * not (it has a network of its own, or is no hardware of this run).
     */
    static ReplicaPorts egressOf(Object from, FlowNetwork network) {
        return from instanceof NetworkPorts p && p.flowNetwork() == network ? p.egressPorts() : ReplicaPorts.NONE;
    }
}
