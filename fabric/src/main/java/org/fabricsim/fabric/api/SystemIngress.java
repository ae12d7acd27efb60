package org.fabricsim.fabric.api;

/**
 * A system's end of links from other systems of the run (a prefill system's KV hand-over to its decoding
 * system). A link is part of the receiving system's hardware: its transfers are flows of that system's flow
 * network, and its usage is reported with that system's other links.
 */
public interface SystemIngress {
    /** A new link into this system of {@code bandwidthBytesPerS}; a transfer arrives {@code latencyS} after its last byte left. */
    default SystemLink ingressLink(double bandwidthBytesPerS, double latencyS) {
        return ingressLink(bandwidthBytesPerS, latencyS, null);
    }

    /**
     * As {@link #ingressLink(double, double)}, from system {@code from} (null: from outside the run's hardware). A
     * sender built beside this system ({@link Hardware#gpuSystem(GpuClusterShape, java.util.Map, GpuStack, String,
     * org.fabricsim.core.timeline.Timeline, int, int, SystemIngress)}) shares its flow network, so a transfer
     * also crosses the sending replica's ports (its GPUs' NICs) and shares them with the sender's own traffic.
     */
    SystemLink ingressLink(double bandwidthBytesPerS, double latencyS, SystemIngress from);
}
