package org.fabricsim.core.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {

    @Test
    void run_executesInTimeThenPriorityThenCreationOrder() {
        Timeline t = new Timeline();
        List<String> order = new ArrayList<>();
        t.at(2.0, () -> order.add("c"));
        t.at(1.0, () -> order.add("a1"));
        t.at(1.0, () -> order.add("a2"));
        t.at(1.0, Timeline.EARLY, () -> order.add("a0"), "early");
        t.at(1.0, Timeline.LATE, () -> order.add("a3"), "late");
        t.run();
        assertEquals(List.of("a0", "a1", "a2", "a3", "c"), order);
        assertEquals(2.0, t.now());
        assertEquals(5, t.eventsExecuted());
    }

    @Test
    void run_eventsScheduledFromEventsSeeTheirTime() {
        Timeline t = new Timeline();
        double[] seen = new double[1];
        t.after(1.5, () -> t.after(0.25, () -> seen[0] = t.now()));
        t.run();
        assertEquals(1.75, seen[0], 0.0);
    }

    @Test
    void cancel_removesPendingEventOnly() {
        Timeline t = new Timeline();
        boolean[] ran = new boolean[2];
        TimelineEvent e = t.at(1.0, () -> ran[0] = true);
        t.at(2.0, () -> ran[1] = true);
        assertTrue(t.cancel(e));
        assertFalse(t.cancel(e));
        t.run();
        assertFalse(ran[0]);
        assertTrue(ran[1]);
    }

    @Test
    void run_stopTimeLeavesLaterEventsPending() {
        Timeline t = new Timeline();
        int[] count = new int[1];
        for (int i = 1; i <= 10; i++) {
            t.at(i, () -> count[0]++);
        }
        t.run(5.5);
        assertEquals(5, count[0]);
        assertEquals(5.5, t.now());
        assertEquals(5, t.pendingEvents());
        t.run();
        assertEquals(10, count[0]);
    }

    @Test
    void run_stopConditionEndsAfterTheEventThatMadeItTrue() {
        Timeline t = new Timeline();
        int[] count = new int[1];
        for (int i = 1; i <= 10; i++) {
            t.at(i, () -> count[0]++);
        }
        t.stopWhen(() -> count[0] >= 3);
        t.run();
        assertEquals(3, count[0]);
        assertEquals(3.0, t.now());
    }

    @Test
    void run_exceptionInEventReachesCallerWithTimeAndEvent() {
        Timeline t = new Timeline();
        t.at(4.25, Timeline.NORMAL, () -> {
            throw new IllegalStateException("boom");
        }, "flow completion");
        SimulationFailure f = assertThrows(SimulationFailure.class, t::run);
        assertEquals(4.25, f.timeS());
        assertTrue(f.event().contains("flow completion"), f.event());
        assertTrue(f.getCause() instanceof IllegalStateException);
    }

    @Test
    void at_refusesThePastAndNaN() {
        Timeline t = new Timeline();
        t.at(1.0, () -> {
        });
        t.run();
        assertThrows(IllegalArgumentException.class, () -> t.at(0.5, () -> {
        }));
        assertThrows(IllegalArgumentException.class, () -> t.after(Double.NaN, () -> {
        }));
    }

    @Test
    void heap_manyRandomEventsComeOutSorted() {
        Timeline t = new Timeline();
        java.util.Random r = new java.util.Random(1);
        double[] last = {-1};
        boolean[] sorted = {true};
        List<TimelineEvent> all = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            all.add(t.at(r.nextDouble() * 100, () -> {
                if (t.now() < last[0]) {
                    sorted[0] = false;
                }
                last[0] = t.now();
            }));
        }
        for (int i = 0; i < all.size(); i += 3) {
            t.cancel(all.get(i));
        }
        t.run();
        assertTrue(sorted[0]);
        assertEquals(20_000 - (20_000 + 2) / 3, t.eventsExecuted());
    }

    @Test
    void heap_cancellingMostEventsWhileRunningKeepsTimePriorityCreationOrder() {
        // Events on a coarse time grid (many ties) with random priorities; every executed event schedules
        // two and cancels a random pending one, and must be first among those pending when it runs; so removed entries pile up and the heap is rebuilt often.
        Timeline t = new Timeline();
        java.util.Random r = new java.util.Random(3);
        short[] priorities = {Timeline.EARLY, Timeline.NORMAL, Timeline.LATE};
        List<TimelineEvent> pending = new ArrayList<>();
        List<TimelineEvent> executed = new ArrayList<>();
        java.util.function.Consumer<Double> schedule = new java.util.function.Consumer<>() {
            @Override
            public void accept(Double at) {
                TimelineEvent[] self = new TimelineEvent[1];
                self[0] = t.at(at, priorities[r.nextInt(3)], () -> {
                    for (TimelineEvent other : pending) {
                        assertFalse(before(other, self[0]), other + " pending while " + self[0] + " runs");
                    }
                    executed.add(self[0]);
                    pending.remove(self[0]);
                    if (executed.size() < 30_000) {
                        accept(t.now() + r.nextInt(4));
                        accept(t.now() + r.nextInt(4));
                    }
                    if (!pending.isEmpty()) {
                        TimelineEvent victim = pending.remove(r.nextInt(pending.size()));
                        assertTrue(t.cancel(victim));
                    }
                    assertEquals(pending.size(), t.pendingEvents());
                }, null);
                pending.add(self[0]);
            }
        };
        for (int i = 0; i < 500; i++) {
            schedule.accept((double) r.nextInt(10));
        }
        t.run();
        assertEquals(0, t.pendingEvents());
        assertTrue(executed.size() >= 30_000);
        assertTrue(executed.stream().noneMatch(TimelineEvent::isCancelled));
    }

    /** Whether {@code a} runs before {@code b}: earlier time, then higher priority, then created first. */
    private static boolean before(TimelineEvent a, TimelineEvent b) {
        return a.time() < b.time() || a.time() == b.time() && (a.getPriority() > b.getPriority()
                || a.getPriority() == b.getPriority() && a.getId() < b.getId());
    }
}
