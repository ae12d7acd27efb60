package org.fabricsim.core.timeline;

import nl.tudelft.simulation.dsol.formalisms.eventscheduling.SimEventInterface;

/**
 * A DSOL event that runs a lambda. Ordered by (time, priority, sequence) with the sequence taken
 * from the owning {@link Timeline}, not from DSOL's JVM-wide counter, so that the order of
 * simultaneous events is a property of the run alone (STYLE 6, 7).
 */
public final class TimelineEvent implements SimEventInterface<Double> {
    private final short priority;
    private final double time;
    private final long sequence;
    private final Runnable action;
    private final String label;
    boolean cancelled;
    /** In a {@link BinaryHeapEventList}, not yet taken out or removed. */
    boolean queued;

    TimelineEvent(double time, short priority, long sequence, Runnable action, String label) {
        if (sequence < 0 || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException("sequence: must be in [0, 2^47), got " + sequence);
        }
        this.priority = priority;
        this.time = time;
        this.sequence = sequence;
        this.action = action;
        this.label = label;
    }

    /** Simulated time of the event in seconds, unboxed. */
    public double time() {
        return time;
    }

    /** What the event does, for error messages; may be null. */
    public String label() {
        return label;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void execute() {
        action.run();
    }

    @Override
    public Double getAbsoluteExecutionTime() {
        return time;
    }

    @Override
    public short getPriority() {
        return priority;
    }

    @Override
    public long getId() {
        return sequence;
    }

    /** Sequences fit in the 47 bits below the priority in {@link #orderKey}. */
    static final long MAX_SEQUENCE = (1L << 47) - 1;

    /**
     * Priority and sequence as one long ordered like {@link #compareFast} at equal times: higher priority
     * (as 32767 - priority, 0 to 65535, in the top 16 bits) first, then lower sequence.
     */
    long orderKey() {
        return ((long) (Short.MAX_VALUE - priority) << 47) | sequence;
    }

    /** Earlier time first; at equal times higher priority first; then creation order. */
    int compareFast(TimelineEvent o) {
        if (time < o.time) {
            return -1;
        }
        if (time > o.time) {
            return 1;
        }
        if (getPriority() != o.getPriority()) {
            return getPriority() > o.getPriority() ? -1 : 1;
        }
        return Long.compare(sequence, o.sequence);
    }

    @Override
    public int compareTo(SimEventInterface<Double> other) {
        if (other instanceof TimelineEvent t) {
            return compareFast(t);
        }
        throw new IllegalArgumentException("other: only TimelineEvents are compared, got " + other);
    }

    @Override
    public String toString() {
        return "event '" + (label == null ? action.getClass().getSimpleName() : label) + "' at t=" + time + " s";
    }
}
