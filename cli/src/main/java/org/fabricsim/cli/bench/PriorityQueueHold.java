package org.fabricsim.cli.bench;

import java.util.PriorityQueue;

/** Baseline: a java.util.PriorityQueue of small (time, sequence, Runnable) event objects, run in a plain loop. */
public final class PriorityQueueHold implements HoldModel {
    private final PriorityQueue<Event> queue;
    private final HoldDelays delays;
    private final Runnable action = this::fire;
    private double nowS;
    private long sequence;

    private static final class Event implements Comparable<Event> {
        final double timeS;
        final long sequence;
        final Runnable action;

        Event(double timeS, long sequence, Runnable action) {
            this.timeS = timeS;
            this.sequence = sequence;
            this.action = action;
        }

        @Override
        public int compareTo(Event o) {
            int c = Double.compare(timeS, o.timeS);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }

    public PriorityQueueHold(int pending, long seed) {
        this.queue = new PriorityQueue<>(pending + 1);
        this.delays = new HoldDelays(seed);
        for (int i = 0; i < pending; i++) {
            fire();
        }
    }

    private void fire() {
        queue.add(new Event(nowS + delays.next(), sequence++, action));
    }

    @Override
    public double run(long events) {
        for (long i = 0; i < events; i++) {
            Event e = queue.poll();
            nowS = e.timeS;
            e.action.run();
        }
        return nowS;
    }

    @Override
    public int pending() {
        return queue.size();
    }
}
