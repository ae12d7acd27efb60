package org.fabricsim.fabric.noc;

/** Told when a packet's tail flit leaves the mesh at its destination. */
@FunctionalInterface
public interface PacketListener {
    /**
     * @param packetId       the id {@link CycleLevelMesh#inject} returned
     * @param createdCycle   cycle the packet was handed to its source
     * @param deliveredCycle cycle its tail flit was ejected
     */
    void delivered(long packetId, int src, int dst, int flits, long createdCycle, long deliveredCycle);
}
