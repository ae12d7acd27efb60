package org.fabricsim.core.timeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import nl.tudelft.simulation.dsol.eventlists.EventListInterface;
import nl.tudelft.simulation.dsol.formalisms.eventscheduling.SimEventInterface;

/**
 * DSOL event list on an array-backed binary heap of {@link TimelineEvent}s. Replaces DSOL's default
 * RedBlackTree (a synchronized TreeSet whose node per event and comparator through boxed Doubles cost
 * about 3x); see docs/performance.md.
 *
 * <p>The sort keys live in parallel primitive arrays (time, and priority with sequence packed in one
 * long), so sifting compares without dereferencing an event: with 100,000 pending events each event is a
 * likely cache miss. Removal is lazy: a removed event stays in the heap, marked, until it reaches the top
 * or removed events fill half the heap, when the heap is rebuilt without them. The order events come out
 * in is the same total order either way (the sequence is unique).
 */
public final class BinaryHeapEventList implements EventListInterface<Double> {
    private double[] times = new double[1024];
    private long[] keys = new long[1024];
    private TimelineEvent[] events = new TimelineEvent[1024];
    /** Entries in the heap, removed ones included. */
    private int size;
    /** Entries marked removed and still in the heap. */
    private int removed;

    @Override
    public void add(SimEventInterface<Double> event) {
        if (!(event instanceof TimelineEvent e)) {
            throw new IllegalArgumentException("event: only TimelineEvent is accepted, got " + event.getClass().getName());
        }
        if (e.queued) {
            throw new IllegalArgumentException("event: already in the list, " + e);
        }
        if (size == events.length) {
            int n = size * 2;
            times = Arrays.copyOf(times, n);
            keys = Arrays.copyOf(keys, n);
            events = Arrays.copyOf(events, n);
        }
        e.queued = true;
        siftUp(size++, e.time(), e.orderKey(), e);
    }

    @Override
    public boolean contains(SimEventInterface<Double> event) {
        return event instanceof TimelineEvent e && e.queued;
    }

    @Override
    public void clear() {
        for (int i = 0; i < size; i++) {
            events[i].queued = false;
            events[i] = null;
        }
        size = 0;
        removed = 0;
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public Iterator<SimEventInterface<Double>> iterator() {
        List<SimEventInterface<Double>> copy = new ArrayList<>(size());
        for (int i = 0; i < size; i++) {
            if (events[i].queued) {
                copy.add(events[i]);
            }
        }
        copy.sort(null);
        return copy.iterator();
    }

    @Override
    public boolean remove(SimEventInterface<Double> event) {
        if (!contains(event)) {
            return false;
        }
        ((TimelineEvent) event).queued = false;
        removed++;
        if (removed > 64 && 2 * removed > size) {
            compact();
        }
        return true;
    }

    @Override
    public int size() {
        return size - removed;
    }

    @Override
    public TimelineEvent first() {
        dropRemovedTop();
        return size == 0 ? null : events[0];
    }

    @Override
    public TimelineEvent removeFirst() {
        dropRemovedTop();
        if (size == 0) {
            return null;
        }
        TimelineEvent first = events[0];
        first.queued = false;
        removeTop();
        return first;
    }

    private void dropRemovedTop() {
        while (size > 0 && !events[0].queued) {
            removeTop();
            removed--;
        }
    }

    private void removeTop() {
        int last = --size;
        TimelineEvent moved = events[last];
        events[last] = null;
        if (last > 0) {
            siftDown(0, times[last], keys[last], moved);
        }
    }

    /** Rebuilds the heap from the events still queued (Floyd's heap construction, O(n)). */
    private void compact() {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (events[i].queued) {
                times[n] = times[i];
                keys[n] = keys[i];
                events[n] = events[i];
                n++;
            }
        }
        Arrays.fill(events, n, size, null);
        size = n;
        removed = 0;
        for (int i = (n >>> 1) - 1; i >= 0; i--) {
            siftDown(i, times[i], keys[i], events[i]);
        }
    }

    private static boolean before(double t, long k, double ot, long ok) {
        return t < ot || (t == ot && k < ok);
    }

    private void siftUp(int i, double t, long k, TimelineEvent e) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(t, k, times[parent], keys[parent])) {
                break;
            }
            times[i] = times[parent];
            keys[i] = keys[parent];
            events[i] = events[parent];
            i = parent;
        }
        times[i] = t;
        keys[i] = k;
        events[i] = e;
    }

    private void siftDown(int i, double t, long k, TimelineEvent e) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && before(times[right], keys[right], times[child], keys[child])) {
                child = right;
            }
            if (!before(times[child], keys[child], t, k)) {
                break;
            }
            times[i] = times[child];
            keys[i] = keys[child];
            events[i] = events[child];
            i = child;
        }
        times[i] = t;
        keys[i] = k;
        events[i] = e;
    }
}
