package org.fabricsim.cli.bench;

/**
 * Lower bound: a binary heap over parallel primitive arrays (time, event id), no objects, no allocation.
 * Each event is a pop followed by a push, the same heap work the other engines do.
 */
public final class PrimitiveHeapHold implements HoldModel {
    private final double[] timeS;
    private final int[] id;
    private final HoldDelays delays;
    private int size;
    private double nowS;

    public PrimitiveHeapHold(int pending, long seed) {
        this.timeS = new double[pending + 1];
        this.id = new int[pending + 1];
        this.delays = new HoldDelays(seed);
        for (int i = 0; i < pending; i++) {
            push(delays.next(), i);
        }
    }

    @Override
    public double run(long events) {
        for (long n = 0; n < events; n++) {
            int event = id[0];
            nowS = timeS[0];
            pop();
            push(nowS + delays.next(), event);
        }
        return nowS;
    }

    @Override
    public int pending() {
        return size;
    }

    private void push(double t, int e) {
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (timeS[parent] <= t) {
                break;
            }
            timeS[i] = timeS[parent];
            id[i] = id[parent];
            i = parent;
        }
        timeS[i] = t;
        id[i] = e;
    }

    private void pop() {
        size--;
        double t = timeS[size];
        int e = id[size];
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            if (child + 1 < size && timeS[child + 1] < timeS[child]) {
                child++;
            }
            if (t <= timeS[child]) {
                break;
            }
            timeS[i] = timeS[child];
            id[i] = id[child];
            i = child;
        }
        timeS[i] = t;
        id[i] = e;
    }
}
