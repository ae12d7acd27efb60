package org.fabricsim.core.timeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import nl.tudelft.simulation.dsol.eventlists.EventListInterface;
import nl.tudelft.simulation.dsol.formalisms.eventscheduling.SimEventInterface;

/**
 * DSOL event list on an array-backed binary heap of {@link TimelineEvent}s with O(log n) removal
 * by stored index. Replaces DSOL's default RedBlackTree (a synchronized TreeSet whose node per
 * event and comparator through boxed Doubles cost about 3x); see docs/performance.md.
 */
public final class BinaryHeapEventList implements EventListInterface<Double> {
    private TimelineEvent[] heap = new TimelineEvent[1024];
    private int size;

    @Override
    public void add(SimEventInterface<Double> event) {
        if (!(event instanceof TimelineEvent e)) {
            throw new IllegalArgumentException("event: only TimelineEvent is accepted, got " + event.getClass().getName());
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = e;
        e.heapIndex = size;
        size++;
        siftUp(size - 1);
    }

    @Override
    public boolean contains(SimEventInterface<Double> event) {
        return event instanceof TimelineEvent e && e.heapIndex >= 0 && e.heapIndex < size && heap[e.heapIndex] == e;
    }

    @Override
    public void clear() {
        for (int i = 0; i < size; i++) {
            heap[i].heapIndex = -1;
            heap[i] = null;
        }
        size = 0;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public Iterator<SimEventInterface<Double>> iterator() {
        List<SimEventInterface<Double>> copy = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            copy.add(heap[i]);
        }
        copy.sort(null);
        return copy.iterator();
    }

    @Override
    public boolean remove(SimEventInterface<Double> event) {
        if (!contains(event)) {
            return false;
        }
        removeAt(((TimelineEvent) event).heapIndex);
        return true;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public TimelineEvent first() {
        return size == 0 ? null : heap[0];
    }

    @Override
    public TimelineEvent removeFirst() {
        return size == 0 ? null : removeAt(0);
    }

    private TimelineEvent removeAt(int i) {
        TimelineEvent removed = heap[i];
        size--;
        TimelineEvent moved = heap[size];
        heap[size] = null;
        if (i != size) {
            heap[i] = moved;
            moved.heapIndex = i;
            siftDown(i);
            if (moved.heapIndex == i) {
                siftUp(i);
            }
        }
        removed.heapIndex = -1;
        return removed;
    }

    private void siftUp(int i) {
        TimelineEvent e = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            TimelineEvent p = heap[parent];
            if (e.compareFast(p) >= 0) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = e;
        e.heapIndex = i;
    }

    private void siftDown(int i) {
        TimelineEvent e = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            TimelineEvent c = heap[child];
            int right = child + 1;
            if (right < size && heap[right].compareFast(c) < 0) {
                child = right;
                c = heap[child];
            }
            if (e.compareFast(c) <= 0) {
                break;
            }
            heap[i] = c;
            c.heapIndex = i;
            i = child;
        }
        heap[i] = e;
        e.heapIndex = i;
    }
}
