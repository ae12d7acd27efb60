package org.fabricsim.fabric.api;

/**
 * A link between two systems (e.g. the one a prompt's KV cache crosses from a prefill system to its decoding
 * system). Bytes sent over it share its bandwidth with the other bytes on it at the same time, and, inside the
 * receiving system, the ports of the replica they go to with that system's own traffic.
 */
public interface SystemLink {
    /**
     * Sends {@code bytes} now to replica {@code replica} of the receiving system; {@code arrived} runs when the last
     * of them has reached it.
     */
    void send(long bytes, int replica, Runnable arrived);

    /** Bytes sent over the link so far. */
    long bytesSent();
}
