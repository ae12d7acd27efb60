package org.fabricsim.fabric.noc;

import org.HdrHistogram.Histogram;

/**
 * Distribution of packet latencies in whole cycles, kept by HdrHistogram at 4 significant digits: every latency
 * below 32,768 cycles is counted exactly, larger ones within 0.01% (HdrHistogram reports the top of the value's
 * bucket). The mean comes from the exact sum, since HdrHistogram's mean uses bucket midpoints.
 */
public final class LatencyHistogram {
    /** Significant digits: exact counts up to 2^15 - 1 cycles, relative error below 1/16,384 above. */
    static final int SIGNIFICANT_DIGITS = 4;
    private final Histogram histogram = new Histogram(SIGNIFICANT_DIGITS); // auto-resizing: any latency >= 0
    private double sum;

    public void record(long latencyCycles) {
        if (latencyCycles < 0) {
            throw new IllegalArgumentException("latencyCycles: must be >= 0, got " + latencyCycles);
        }
        histogram.recordValue(latencyCycles);
        sum += latencyCycles;
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** Mean latency in cycles, NaN if empty. */
    public double mean() {
        long n = count();
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The smallest latency with at least {@code q} of the samples at or below it (nearest rank); -1 if empty. */
    public long quantile(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("q: must be in 0..1, got " + q);
        }
        return count() == 0 ? -1 : histogram.getValueAtPercentile(q * 100);
    }
}
