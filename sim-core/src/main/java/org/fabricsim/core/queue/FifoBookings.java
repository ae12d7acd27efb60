package org.fabricsim.core.queue;

import java.util.Arrays;

/**
 * Servers booked first come, first served without events: a job starts when it arrives or when the jobs booked on
 * its server before it have ended, whichever is later (Lindley's recursion), and its end is known at once. This is
 * {@link FifoServer}'s departure times in closed form, for callers that book work in arrival order and need its end
 * now (a region's cores, a link in the analytic fidelity). Servers are numbered from 0 and added on demand.
 */
public final class FifoBookings {
    private double[] freeAtS = new double[0];

    /** Books {@code serviceS} of work arriving at {@code arrivalS} on {@code server}; returns when it ends. */
    public double book(int server, double arrivalS, double serviceS) {
        grow(server + 1);
        double end = Math.max(arrivalS, freeAtS[server]) + serviceS;
        freeAtS[server] = end;
        return end;
    }

    /** When {@code server} has ended the work booked on it so far (0 if none was). */
    public double freeAtS(int server) {
        return server < freeAtS.length ? freeAtS[server] : 0;
    }

    /** Makes room for servers 0..servers-1 at once (growing by doubling otherwise). */
    public void grow(int servers) {
        if (freeAtS.length < servers) {
            freeAtS = Arrays.copyOf(freeAtS, Math.max(servers, 2 * freeAtS.length));
        }
    }
}
