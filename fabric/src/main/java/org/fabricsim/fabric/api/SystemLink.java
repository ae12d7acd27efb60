package org.fabricsim.fabric.api;

/**
 * A link between two systems (e.g. the one a prompt's KV cache crosses from a prefill system to its decoding
 * system). Bytes sent over it share its bandwidth with the other bytes on it at the same time.
 */
public interface SystemLink {
    /** Sends {@code bytes} now; {@code arrived} runs when the last of them has reached the far end. */
    void send(long bytes, Runnable arrived);

    /** Bytes sent over the link so far. */
    long bytesSent();
}
