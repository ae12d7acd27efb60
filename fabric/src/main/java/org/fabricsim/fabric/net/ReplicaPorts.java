package org.fabricsim.fabric.net;

/**
 * The links through which bytes from outside a system reach one of its replicas (a GPU replica's NIC downlinks,
 * one per GPU): a transfer into the replica is striped evenly over them, so it shares each with whatever else the
 * replica's own collectives put there.
 */
@FunctionalInterface
public interface ReplicaPorts {
    /** A replica reached through the system link alone: no port of the system is crossed. */
    ReplicaPorts NONE = replica -> new int[0];

    /** Link ids of replica {@code replica}'s ports on the network (shared: do not modify). */
    int[] of(int replica);
}
