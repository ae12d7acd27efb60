package org.fabricsim.core.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CountdownTest {
    @Test
    void runsThenOnTheLastCallOnly() {
        int[] fired = {0};
        Countdown c = new Countdown(3, () -> fired[0]++);
        c.run();
        c.run();
        assertEquals(0, fired[0]);
        c.run();
        assertEquals(1, fired[0]);
    }

    @Test
    void joinsOperationsThatEndAtDifferentTimesAtTheLastOne() {
        Timeline timeline = new Timeline();
        double[] joined = {Double.NaN};
        Countdown c = new Countdown(2, () -> joined[0] = timeline.now());
        timeline.after(2.0, c);
        timeline.after(5.0, c);
        timeline.run();
        assertEquals(5.0, joined[0]);
    }

    @Test
    void refusesACallBeyondItsCount() {
        Countdown c = new Countdown(1, () -> { });
        c.run();
        assertThrows(IllegalStateException.class, c::run);
    }
}
