package org.fabricsim.core.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.fabricsim.core.timeline.Timeline;
import org.junit.jupiter.api.Test;

class FifoBookingsTest {

    @Test
    void bookedEnds_equalTheEventDrivenServersDepartures() {
        // the same Poisson arrivals and exponential work at 80% load through both FIFO mechanisms
        SplittableRandom random = new SplittableRandom(7);
        int jobs = 5_000;
        double[] arrival = new double[jobs];
        double[] work = new double[jobs];
        double t = 0;
        for (int i = 0; i < jobs; i++) {
            t += -Math.log(1 - random.nextDouble()) / 0.8;
            arrival[i] = t;
            work[i] = -Math.log(1 - random.nextDouble());
        }
        Timeline timeline = new Timeline();
        FifoServer server = new FifoServer(timeline, 1.0);
        double[] departure = new double[jobs];
        for (int i = 0; i < jobs; i++) {
            int k = i;
            timeline.at(arrival[i], () -> server.submit(work[k], (arrivedS, startS) -> departure[k] = timeline.now()));
        }
        timeline.run();
        FifoBookings bookings = new FifoBookings();
        for (int i = 0; i < jobs; i++) {
            assertEquals(departure[i], bookings.book(3, arrival[i], work[i]), 1e-9 * departure[i], "job " + i);
        }
        assertEquals(departure[jobs - 1], bookings.freeAtS(3), 1e-9 * departure[jobs - 1]);
        assertEquals(0, bookings.freeAtS(2), "a server nothing was booked on is free from the start");
    }

    @Test
    void aJobArrivingAfterTheServerIsFree_startsOnArrival() {
        FifoBookings b = new FifoBookings();
        assertEquals(3.0, b.book(0, 1.0, 2.0));
        assertEquals(5.0, b.book(0, 2.0, 2.0), "waits for the first");
        assertEquals(11.0, b.book(0, 10.0, 1.0), "idle server: starts when it arrives");
    }
}
