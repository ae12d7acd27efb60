package org.fabricsim.core.flow;

import org.fabricsim.core.timeline.Timeline;

/** Runs {@code done} when the last flow of a group arrives, plus the longest tail latency still owed. */
final class GroupCountdown {
    private int remaining;
    private final Timeline timeline;
    private final Runnable done;
    private double doneAtS = Double.NEGATIVE_INFINITY;

    GroupCountdown(int remaining, Timeline timeline, Runnable done) {
        this.remaining = remaining;
        this.timeline = timeline;
        this.done = done;
    }

    /** One flow arrived now and owes {@code tailS} more. */
    void arrived(double tailS) {
        doneAtS = Math.max(doneAtS, timeline.now() + tailS);
        if (--remaining == 0) {
            if (doneAtS <= timeline.now()) {
                done.run();
            } else {
                timeline.at(doneAtS, Timeline.NORMAL, done, "flow group tail");
            }
        }
    }
}
