package org.fabricsim.cli.bench;

import org.fabricsim.core.timeline.Timeline;

/** The hold model on fabricsim's {@link Timeline} (DSOL DevsSimulator, binary-heap event list, caller-thread loop). */
public final class TimelineHold implements HoldModel {
    private final Timeline timeline = new Timeline("hold");
    private final HoldDelays delays;
    private final Runnable action = this::fire;
    private long remaining;

    public TimelineHold(int pending, long seed) {
        this.delays = new HoldDelays(seed);
        for (int i = 0; i < pending; i++) {
            timeline.after(delays.next(), action);
        }
    }

    private void fire() {
        timeline.after(delays.next(), action);
        if (--remaining == 0) {
            timeline.stop();
        }
    }

    @Override
    public double run(long events) {
        if (events <= 0) {
            return timeline.now();
        }
        remaining = events;
        timeline.run();
        return timeline.now();
    }

    @Override
    public int pending() {
        return timeline.pendingEvents();
    }
}
