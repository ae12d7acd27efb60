package org.fabricsim.core.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BookingCalendarTest {

    @Test
    void bookedInArrivalOrder_itIsAFifoServer() {
        // the Lindley recursion: start = max(arrival, previous end)
        BookingCalendar c = new BookingCalendar();
        SplittableRandom r = new SplittableRandom(1);
        double arrival = 0;
        double end = 0;
        for (int i = 0; i < 10_000; i++) {
            arrival += r.nextDouble(2.0);
            double service = r.nextDouble(1.9);
            double start = c.book(arrival, service, arrival);
            assertEquals(Math.max(arrival, end), start, 1e-12);
            end = start + service;
        }
    }

    @Test
    void anEarlierArrivalBookedLater_usesAGapThatFits_elseWaits() {
        BookingCalendar c = new BookingCalendar();
        assertEquals(10, c.book(10, 5, 0));   // [10, 15)
        assertEquals(2, c.book(2, 3, 0));     // fits before: [2, 5)
        assertEquals(15, c.book(8, 4, 0));    // [8, 12) would overlap [10, 15): after it
        assertEquals(5, c.book(4, 5, 0));     // waits for [2, 5), then [5, 10) fits exactly
        assertEquals(0, c.book(0, 1, 0));     // [0, 1) is free
        assertEquals(19, c.book(1.5, 1, 0));  // no gap left before 19: [2,5) [5,10) [10,15) [15,19)
    }

    @Test
    void busyTime_isConserved_andOldIntervalsAreForgotten() {
        BookingCalendar c = new BookingCalendar();
        for (int i = 0; i < 100; i++) {
            c.book(i, 0.5, i);
        }
        assertEquals(50, c.busyS(), 1e-9);
        assertEquals(1, c.bookedIntervals());
    }

    @Test
    void badDuration_isRejected() {
        BookingCalendar c = new BookingCalendar();
        assertThrows(IllegalArgumentException.class, () -> c.book(0, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> c.book(0, Double.NaN, 0));
    }

    @Test
    void outOfOrderBookings_matchABruteForceSlotCalendar() {
        // integer times: a job takes the first run of `duration` free unit slots starting at or after arrival
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            BookingCalendar c = new BookingCalendar();
            boolean[] busy = new boolean[10_000];
            for (int job = 0; job < 60; job++) {
                int arrival = r.nextInt(300);
                int duration = r.nextInt(1, 12);
                int t = arrival;
                while (!free(busy, t, duration)) {
                    t++;
                }
                for (int k = t; k < t + duration; k++) {
                    busy[k] = true;
                }
                assertEquals(t, c.book(arrival, duration, 0), "trial " + trial + " job " + job);
            }
            int slots = 0;
            for (boolean b : busy) {
                slots += b ? 1 : 0;
            }
            assertEquals(slots, c.busyS(), 1e-9);
        }
    }

    private static boolean free(boolean[] busy, int t, int duration) {
        for (int k = t; k < t + duration; k++) {
            if (busy[k]) {
                return false;
            }
        }
        return true;
    }
}
