package org.fabricsim.fabric.api;

/**
 * A system's end of links from other systems of the run (a prefill system's KV hand-over to its decoding
 * system). A link is part of the receiving system's hardware: its transfers are flows of that system's flow
 * network, and its usage is reported with that system's other links.
 */
public interface SystemIngress {
    /** A new link into this system of {@code bandwidthBytesPerS}; a transfer arrives {@code latencyS} after its last byte left. */
    SystemLink ingressLink(double bandwidthBytesPerS, double latencyS);
}
