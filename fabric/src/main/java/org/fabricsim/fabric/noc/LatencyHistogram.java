package org.fabricsim.fabric.noc;

import java.util.Arrays;

/**
 * Exact distribution of packet latencies in whole cycles: one counter per cycle value, grown on demand
 * (latencies are small integers, so exact counts cost less than HdrHistogram's buckets and need no
 * dependency in this module).
 */
public final class LatencyHistogram {
    private long[] counts = new long[256];
    private long total;
    private double sum;
    private long max;

    public void record(long latencyCycles) {
        if (latencyCycles < 0 || latencyCycles > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("latencyCycles: must be in 0.." + (Integer.MAX_VALUE - 8) + ", got " + latencyCycles);
        }
        if (latencyCycles >= counts.length) {
            counts = Arrays.copyOf(counts, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(latencyCycles + 1, 2L * counts.length)));
        }
        counts[(int) latencyCycles]++;
        total++;
        sum += latencyCycles;
        max = Math.max(max, latencyCycles);
    }

    public long count() {
        return total;
    }

    /** Mean latency in cycles, NaN if empty. */
    public double mean() {
        return total == 0 ? Double.NaN : sum / total;
    }

    public long max() {
        return max;
    }

    /** The smallest latency with at least {@code q} of the samples at or below it; -1 if empty. */
    public long quantile(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("q: must be in 0..1, got " + q);
        }
        if (total == 0) {
            return -1;
        }
        long need = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i <= max; i++) {
            seen += counts[i];
            if (seen >= need) {
                return i;
            }
        }
        return max;
    }
}
