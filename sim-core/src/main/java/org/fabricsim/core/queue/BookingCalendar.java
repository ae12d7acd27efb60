package org.fabricsim.core.queue;

import java.util.Arrays;

/**
 * The future of one non-preemptive server as a list of booked intervals, for models that book work
 * ahead of time instead of simulating it event by event. A job arriving at time t takes the first idle
 * gap at or after t long enough for it; a job that has arrived is never moved. Booked in arrival order
 * this is exactly a FIFO server; booked out of order (work booked for a later arrival before work for an
 * earlier one) an early arrival still runs in an earlier gap instead of queueing behind a booking that
 * was only made first. Intervals that ended before the caller's horizon are forgotten, so the list
 * holds only the work still ahead.
 */
public final class BookingCalendar {
    private double[] starts = new double[4];
    private double[] ends = new double[4];
    private int size;
    private double busyS;

    /**
     * Books a job and returns its start.
     *
     * @param arrivalS  when the job can start
     * @param durationS its service time (>= 0; a zero-length job is not stored)
     * @param horizonS  no job will ever arrive before this (the simulation's now): older intervals are dropped
     */
    public double book(double arrivalS, double durationS, double horizonS) {
        if (!(durationS >= 0) || Double.isInfinite(durationS)) {
            throw new IllegalArgumentException("durationS: must be finite and >= 0, got " + durationS);
        }
        forgetBefore(horizonS);
        double t = arrivalS;
        int i = firstEndingAfter(t);
        while (i < size && starts[i] < t + durationS) {
            t = Math.max(t, ends[i]);
            i++;
        }
        if (durationS > 0) {
            busyS += durationS;
            if (i > 0 && ends[i - 1] == t) {
                ends[i - 1] = t + durationS; // back to back with the one before: one interval
                if (i < size && starts[i] == ends[i - 1]) {
                    ends[i - 1] = ends[i];
                    remove(i);
                }
            } else if (i < size && starts[i] == t + durationS) {
                starts[i] = t;
            } else {
                insert(i, t, t + durationS);
            }
        }
        return t;
    }

    /** Index of the first interval ending after t (intervals are disjoint and sorted, so ends are too). */
    private int firstEndingAfter(double t) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** When the last booked job ends (or -infinity if nothing is booked). */
    public double lastEndS() {
        return size == 0 ? Double.NEGATIVE_INFINITY : ends[size - 1];
    }

    /** Service time booked so far, forgotten intervals included. */
    public double busyS() {
        return busyS;
    }

    /** Intervals still held (back-to-back bookings merge into one). */
    public int bookedIntervals() {
        return size;
    }

    private void forgetBefore(double horizonS) {
        if (size == 0 || ends[0] > horizonS) {
            return;
        }
        int drop = firstEndingAfter(horizonS);
        if (drop > 0) {
            System.arraycopy(starts, drop, starts, 0, size - drop);
            System.arraycopy(ends, drop, ends, 0, size - drop);
            size -= drop;
        }
    }

    private void remove(int i) {
        System.arraycopy(starts, i + 1, starts, i, size - i - 1);
        System.arraycopy(ends, i + 1, ends, i, size - i - 1);
        size--;
    }

    private void insert(int i, double start, double end) {
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, 2 * size);
            ends = Arrays.copyOf(ends, 2 * size);
        }
        System.arraycopy(starts, i, starts, i + 1, size - i);
        System.arraycopy(ends, i, ends, i + 1, size - i);
        starts[i] = start;
        ends[i] = end;
        size++;
    }
}
