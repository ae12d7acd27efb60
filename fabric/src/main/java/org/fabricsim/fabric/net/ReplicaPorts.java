package org.fabricsim.fabric.net;

/**
 * The links through which bytes between systems leave or reach one replica of a system (a GPU replica's NIC
 * uplinks or downlinks, one per GPU): a transfer is striped evenly over them, so it shares each with whatever
 * else the replica's own collectives put there.
 */
@FunctionalInterface
public interface ReplicaPorts {
    /** Replicas reached through the system link alone: no port of the system is crossed. */
    ReplicaPorts NONE = replica -> new int[0];

    /** Link ids of replica {@code replica}'s ports on the network (shared: do not modify). */
    int[] of(int replica);
}
