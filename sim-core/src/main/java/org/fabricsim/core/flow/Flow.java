package org.fabricsim.core.flow;

/** CONTRACT STUB: one transfer in a {@link FlowNetwork}. */
public interface Flow {
    /** Bytes the flow carries in all. */
    long bytes();

    /** Simulated time the flow started, seconds. */
    double startTimeS();

    /** Current rate in bytes/s (0 once finished). */
    double rateBytesPerS();
}
