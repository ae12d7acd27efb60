package org.fabricsim.core.timeline;

import nl.tudelft.simulation.dsol.SimRuntimeException;
import nl.tudelft.simulation.dsol.formalisms.eventscheduling.SimEventInterface;
import nl.tudelft.simulation.dsol.simulators.DevsSimulator;
import nl.tudelft.simulation.dsol.simulators.RunState;

/**
 * DSOL's DevsSimulator trimmed for batch runs: events go straight into the event list (DSOL's
 * {@code scheduleEvent} builds a trace string per event even with tracing off, ~40% of CPU), and the
 * run loop executes on the caller's thread (no worker thread, no per-event lock or TIME_CHANGED
 * event), so exceptions reach the caller and the JVM never waits on a non-daemon thread.
 */
final class HeadlessDevsSimulator extends DevsSimulator<Double> {
    private static final long serialVersionUID = 1L;
    private double nowS;

    HeadlessDevsSimulator(String id) {
        super(id);
        this.eventList = new BinaryHeapEventList();
        this.simulatorTime = 0.0;
    }

    @Override
    public SimEventInterface<Double> scheduleEvent(SimEventInterface<Double> event) {
        TimelineEvent e = (TimelineEvent) event;
        if (e.time() < nowS) {
            throw new SimRuntimeException("cannot schedule " + e + " in the past (now t=" + nowS + " s)");
        }
        eventList.add(e);
        return e;
    }

    BinaryHeapEventList events() {
        return (BinaryHeapEventList) eventList;
    }

    void advanceTo(double time) {
        nowS = time;
    }

    double nowS() {
        return nowS;
    }

    @Override
    public Double getSimulatorTime() {
        return nowS;
    }

    void markRunning(boolean running) {
        runState = running ? RunState.STARTED : RunState.STOPPED;
    }
}
