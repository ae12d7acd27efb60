package org.fabricsim.workloads.serving;

/**
 * A serving system's execution engine: runs forward passes of a model for batches of sequences on
 * the timeline. This is the whole contract between the batching driver and a hardware model (a
 * roofline server, a wafer pipeline, a GPU deployment).
 *
 * <p>The driver calls {@link #submit} with a {@link Step}; the engine models the work on its
 * hardware (taking contention with everything else in flight into account) and calls
 * {@code done.run()} at the simulated time the step's last output is available. The driver keeps
 * at most {@link #maxStepsInFlight()} steps in flight, each on disjoint sequences (a layer
 * pipeline holds several micro-batches at different stages; a GPU replica holds one).
 */
public interface StepEngine {

    /** Starts one forward pass over the step's sequences; {@code done} runs when it completes. */
    void submit(Step step, Runnable done);

    /** How many steps may be in flight at once (pipeline depth); 1 for a non-pipelined system. */
    int maxStepsInFlight();

    /** KV-cache capacity of this engine in tokens, from its placement. */
    long kvCapacityTokens();
}
