package org.fabricsim.fabric.wafer;

import java.util.List;
import org.fabricsim.fabric.api.MeshPhase;

/**
 * How mesh operations become time: the fidelity of a wafer fabric. {@link FlowWaferOps} (fidelity {@code flow}) runs it as
 * events and contending flows on the timeline; {@link BookedWaferOps} (fidelity {@code analytic})
 * books a layer's work arithmetically on the same regions, with transfers at their idle-link cost, and
 * hands the timeline one event per layer. The walk of a workload's operations is the same for both.
 */
interface WaferOps {
    /** The time the pass is at. */
    double now();

    /** Starts a pass (or a step's chain of passes) now. */
    void begin(Runnable pass);

    /** The region's cores run the phases after their earlier work; the result's line crosses the region. */
    void run(WaferMesh mesh, int regionId, List<MeshPhase> phases, Runnable done);

    /** Bytes along the XY route between two cores, then the route's hop latency. */
    void transfer(WaferMesh mesh, int r0, int c0, int r1, int c1, long bytes, Runnable done);

    /** Bytes along the XY route without its hop latency (the caller accounts for it). */
    void flowOnly(WaferMesh mesh, int r0, int c0, int r1, int c1, long bytes, Runnable done);

    /** Bytes over the inter-wafer link from wafer {@code from} to the next. */
    void crossing(InterWaferLinks links, int from, long bytes, Runnable done);

    /**
     * Runs {@code booking} once the timeline has reached the pass's time: work booked directly on a FIFO
     * server (an MoE layer's expert regions) must be booked in the order it arrives there.
     */
    void whenDue(Runnable booking);

    /** Runs {@code next} at time {@code t} (not before now). */
    void at(double t, Runnable next);

    /** The step is over at the current time: {@code done} runs on the timeline then. */
    void finish(Runnable done);
}
