package org.fabricsim.core.timeline;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import nl.tudelft.simulation.dsol.formalisms.eventscheduling.SimEventInterface;

/**
 * The simulated clock of one run, over DSOL's DevsSimulator. Models schedule lambdas; {@link #run}
 * executes them in (time, priority, sequence) order on the caller's thread until the event list is
 * empty, the stop time is reached, the stop condition holds or {@link #stop()} is called, and rethrows
 * any exception thrown by an event as a {@link SimulationFailure} naming the time and event.
 *
 * <p>Not thread-safe: one run, one thread. Time is in seconds.
 */
public final class Timeline {
    /** Priority of ordinary events; higher priorities run first among events at the same time. */
    public static final short NORMAL = SimEventInterface.NORMAL_PRIORITY;
    /** For bookkeeping that must see everything else at the same instant (e.g. statistics). */
    public static final short LATE = SimEventInterface.MIN_PRIORITY;
    /** For state changes that other same-time events must observe (e.g. rate recomputation). */
    public static final short EARLY = SimEventInterface.MAX_PRIORITY;

    private final HeadlessDevsSimulator simulator;
    private long sequence;
    private long executed;
    private boolean stopRequested;
    private BooleanSupplier stopCondition = () -> false;

    public Timeline() {
        this("fabricsim");
    }

    public Timeline(String id) {
        // DSOL's Simulator constructor removes and re-adds its log category in djutils' static
        // CategoryLogger, which is not thread-safe: timelines built at once on parallel sweep threads
        // threw NullPointerExceptions (3-6 in 12,000). Construction is serialised JVM-wide.
        synchronized (Timeline.class) {
            this.simulator = new HeadlessDevsSimulator(id);
        }
    }

    /** Current simulated time in seconds. */
    public double now() {
        return simulator.nowS();
    }

    /** Schedules {@code action} after {@code delayS} seconds. */
    public TimelineEvent after(double delayS, Runnable action) {
        return at(now() + delayS, NORMAL, action, null);
    }

    /** Schedules {@code action} after {@code delayS} seconds, labelled for error messages. */
    public TimelineEvent after(double delayS, String label, Runnable action) {
        return at(now() + delayS, NORMAL, action, label);
    }

    /** Schedules {@code action} at absolute time {@code timeS}. */
    public TimelineEvent at(double timeS, Runnable action) {
        return at(timeS, NORMAL, action, null);
    }

    /** Schedules {@code action} at {@code timeS} with a priority ({@link #EARLY}, {@link #NORMAL}, {@link #LATE}). */
    public TimelineEvent at(double timeS, short priority, Runnable action, String label) {
        if (!(timeS >= now()) || Double.isInfinite(timeS)) {
            throw new IllegalArgumentException("timeS: must be finite and not before now (" + now() + "), got " + timeS);
        }
        Objects.requireNonNull(action, "action");
        TimelineEvent e = new TimelineEvent(timeS, priority, sequence++, action, label);
        simulator.scheduleEvent(e);
        return e;
    }

    /** Removes a pending event; returns false if it already ran or was cancelled. */
    public boolean cancel(TimelineEvent event) {
        if (event == null) {
            return false;
        }
        event.cancelled = true;
        return simulator.events().remove(event);
    }

    /** The run ends after the first event after which this condition holds. */
    public void stopWhen(BooleanSupplier condition) {
        this.stopCondition = Objects.requireNonNull(condition, "condition");
    }

    /** Ends the run after the current event. */
    public void stop() {
        stopRequested = true;
    }

    /** Runs until no event is left. */
    public void run() {
        run(Double.POSITIVE_INFINITY);
    }

    /**
     * Runs events with time {@code <= stopTimeS}; the clock ends at the last event executed (or at the
     * stop time if events remain beyond it).
     */
    public void run(double stopTimeS) {
        BinaryHeapEventList events = simulator.events();
        stopRequested = false;
        simulator.markRunning(true);
        try {
            while (!stopRequested) {
                TimelineEvent next = events.first();
                if (next == null) {
                    break;
                }
                if (next.time() > stopTimeS) {
                    simulator.advanceTo(stopTimeS);
                    break;
                }
                events.removeFirst();
                simulator.advanceTo(next.time());
                try {
                    next.execute();
                } catch (RuntimeException | Error e) {
                    throw new SimulationFailure(next.time(), next.toString(), e);
                }
                executed++;
                if (stopCondition.getAsBoolean()) {
                    break;
                }
            }
        } finally {
            simulator.markRunning(false);
        }
    }

    /** Number of events executed so far. */
    public long eventsExecuted() {
        return executed;
    }

    /** Number of events waiting. */
    public int pendingEvents() {
        return simulator.events().size();
    }
}
