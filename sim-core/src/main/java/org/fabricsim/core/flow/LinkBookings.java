package org.fabricsim.core.flow;

import java.util.Arrays;

/**
 * Links booked as FIFO servers of their bandwidth, without events (the analytic fidelity): bytes start
 * when they are offered or when the bytes booked before them have left, whichever is later.
 */
final class LinkBookings {
    /** When a booked link has sent what was booked on it (s); by link id, grown on demand. */
    private double[] freeAtS = new double[0];

    /**
     * Books {@code sendS} of sending offered at {@code atS} on {@code link}, one of {@code links}; returns
     * when the last byte has left (s).
     */
    double book(int link, double sendS, double atS, int links) {
        if (freeAtS.length <= link) {
            freeAtS = Arrays.copyOf(freeAtS, Math.max(link + 1, Math.max(links, 2 * freeAtS.length)));
        }
        double start = Math.max(atS, freeAtS[link]);
        freeAtS[link] = start + sendS;
        return freeAtS[link];
    }
}
