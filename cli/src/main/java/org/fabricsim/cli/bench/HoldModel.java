package org.fabricsim.cli.bench;

/**
 * The classic hold model for event-list benchmarks: a fixed number of events is pending; executing one
 * schedules exactly one more at now + an exponential delay, so the pending count never changes.
 * Implementations differ only in the engine (event list, event objects, run loop).
 */
public interface HoldModel extends AutoCloseable {

    /** Executes exactly {@code events} events; returns the simulated time reached (defeats dead-code elimination). */
    double run(long events);

    /** Number of events waiting (constant in a hold model). */
    int pending();

    /** Releases threads or other resources held by the engine. */
    @Override
    default void close() {
    }
}
