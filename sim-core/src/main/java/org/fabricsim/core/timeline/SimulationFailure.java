package org.fabricsim.core.timeline;

/** An exception thrown inside an event, carried out of {@link Timeline#run} with when and where it happened. */
public final class SimulationFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final double timeS;
    private final String event;

    SimulationFailure(double timeS, String event, Throwable cause) {
        super("simulation failed at t=" + timeS + " s in " + event + ": " + cause, cause);
        this.timeS = timeS;
        this.event = event;
    }

    /** Simulated time at which the event threw, in seconds. */
    public double timeS() {
        return timeS;
    }

    /** Description of the event that threw. */
    public String event() {
        return event;
    }
}
