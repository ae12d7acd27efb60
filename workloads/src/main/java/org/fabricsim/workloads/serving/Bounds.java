package org.fabricsim.workloads.serving;

/**
 * Upper and lower bounds of physical quantities in a scenario. Each bound lies a few orders of magnitude beyond
 * any built or announced part: it refuses a typo or an extreme (1e308, NaN) before it reaches the timeline,
 * where it would overflow simulated time, not a design. docs/scenarios.md lists them.
 */
public final class Bounds {
    /** Most tokens in one prompt or one output (10x the longest published context windows). */
    public static final int MAX_TOKENS = 10_000_000;
    /** Longest simulated time span, s (also the default stop_time_s). */
    public static final double MAX_TIME_S = 1e9;
    /** Longest fixed latency (a step overhead, a link latency), s. */
    public static final double MAX_LATENCY_S = 1.0;
    /** Highest bandwidth, bytes/s (1 PB/s). */
    public static final double MAX_BANDWIDTH_BYTES_PER_S = 1e15;
    /** Highest compute rate, FLOP/s (1 EFLOP/s). */
    public static final double MAX_FLOPS_PER_S = 1e18;
    /** Most memory in one accelerator, bytes (10 TB). */
    public static final long MAX_MEMORY_BYTES = 10_000_000_000_000L;

    private Bounds() {
    }

    /** {@code v}, or {@code dflt} when null, if within [lo, hi]; otherwise refused naming the field, bounds and unit. */
    public static double within(String field, Double v, double dflt, double lo, double hi, String unit) {
        double x = v == null ? dflt : v;
        if (!(x >= lo && x <= hi)) {
            throw new IllegalArgumentException(field + ": must be within " + fmt(lo) + " .. " + fmt(hi)
                    + (unit.isEmpty() ? "" : " " + unit) + ", got " + v);
        }
        return x;
    }

    /** As {@link #within(String, Double, double, double, double, String)} with the lower bound excluded. */
    public static double above(String field, Double v, double dflt, double lo, double hi, String unit) {
        double x = v == null ? dflt : v;
        if (!(x > lo && x <= hi)) {
            throw new IllegalArgumentException(field + ": must be > " + fmt(lo) + " and <= " + fmt(hi)
                    + (unit.isEmpty() ? "" : " " + unit) + ", got " + v);
        }
        return x;
    }

    /** A whole number within [lo, hi]. */
    public static long within(String field, Long v, long dflt, long lo, long hi, String unit) {
        long x = v == null ? dflt : v;
        if (x < lo || x > hi) {
            throw new IllegalArgumentException(field + ": must be within " + lo + " .. " + hi
                    + (unit.isEmpty() ? "" : " " + unit) + ", got " + v);
        }
        return x;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e7 ? Long.toString((long) d) : Double.toString(d);
    }
}
