package org.fabricsim.core.flow;

/** One transfer in a {@link FlowNetwork}: a number of bytes moving along a route of links. */
public interface Flow {
    /** Bytes the flow carries in all. */
    long bytes();

    /** Simulated time the flow started, seconds. */
    double startTimeS();

    /** Current rate in bytes/s: its max-min share while sending, 0 once its last byte has left. */
    double rateBytesPerS();
}
