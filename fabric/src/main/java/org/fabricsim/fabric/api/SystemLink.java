package org.fabricsim.fabric.api;

/**
 * A link between two systems (e.g. the one a prompt's KV cache crosses from a prefill system to its decoding
 * system). Bytes sent over it share its bandwidth with the other bytes on it at the same time, and the ports of
 * the replicas they leave and reach (a GPU's NIC) with those systems' own traffic.
 */
public interface SystemLink {
    /**
     * Sends {@code bytes} now from replica {@code from} of the sending system to replica {@code to} of the receiving
     * one; {@code arrived} runs when the last of them has arrived.
     */
    void send(long bytes, int from, int to, Runnable arrived);

    /** Bytes sent over the link so far. */
    long bytesSent();
}
