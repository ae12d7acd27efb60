package org.fabricsim.fabric.api;

import java.util.List;
import org.fabricsim.core.timeline.Countdown;

/**
 * A piece of hardware as a workload sees it: numbered units (a wafer region that holds a model part, a
 * GPU), operations on them, and what the hardware was busy with. Every operation's {@code done} runs at
 * the simulated time the operation completes, after every operation it depends on; an operation is issued
 * from a chain started by {@link #begin} or from another operation's {@code done}.
 */
public interface Fabric {
    /** Runs {@code work} on unit {@code unit} once the unit has finished the work submitted before it. */
    void compute(int unit, Work work, Runnable done);

    /**
     * Runs {@code work[k]} on unit {@code units[k]} for every {@code k < count} at once; {@code done} runs when
     * the slowest has finished. The arrays are read before this returns.
     */
    default void computeEach(int[] units, Work[] work, int count, Runnable done) {
        if (count < 1 || count > units.length || count > work.length) {
            throw new IllegalArgumentException("count: must be in [1, " + units.length + "], got " + count);
        }
        Countdown all = new Countdown(count, done);
        for (int k = 0; k < count; k++) {
            compute(units[k], work[k], all);
        }
    }

    /** Moves {@code bytes} from unit {@code from} to unit {@code to}; {@code done} runs when they have arrived. */
    void transfer(int from, int to, long bytes, Runnable done);

    /** Runs a collective over a group of units; {@code done} runs when the last of its bytes has arrived. */
    void collective(Collective collective, Runnable done);

    /**
     * Starts a chain of operations at the current simulated time. A fabric that books operations
     * arithmetically may run the chain ahead of the timeline; {@link #deliver} hands its end back.
     */
    default void begin(Runnable chain) {
        chain.run();
    }

    /** Runs {@code done} on the timeline at the time the current chain of operations has reached. */
    default void deliver(Runnable done) {
        done.run();
    }

    /** What each class of resource (mesh links, inter-wafer links, NVLink, InfiniBand, HBM) carried so far. */
    List<LinkUsage> linkUsage();
}
