package org.fabricsim.results;

import org.HdrHistogram.DoubleHistogram;

/**
 * A latency or speed distribution: exact count, mean and max, percentiles from an HdrHistogram
 * DoubleHistogram with {@link #SIGNIFICANT_DIGITS} significant decimal digits (a reported percentile
 * is within 0.1% of the true sample value).
 */
public final class Distribution {
    /** Precision of every percentile in summary.csv. */
    public static final int SIGNIFICANT_DIGITS = 3;
    /** The stats of summary.csv, in order. Names are part of the output contract. */
    public static final String[] STATS = {"count", "mean", "p50", "p90", "p99", "p999", "max"};

    private final DoubleHistogram histogram = new DoubleHistogram(SIGNIFICANT_DIGITS);
    private long count;
    private double sum;
    private double max = Double.NaN;

    /** Records a value; NaN values (undefined, e.g. TPOT of a one-token request) are skipped. */
    public void record(double value) {
        if (Double.isNaN(value)) {
            return;
        }
        if (value < 0) {
            throw new IllegalArgumentException("value: must be >= 0, got " + value);
        }
        histogram.recordValue(value);
        count++;
        sum += value;
        max = count == 1 ? value : Math.max(max, value);
    }

    public long count() {
        return count;
    }

    /** The value of a stat by name (see {@link #STATS}); NaN when nothing was recorded. */
    public double stat(String stat) {
        if (stat.equals("count")) {
            return count;
        }
        if (count == 0) {
            return Double.NaN;
        }
        return switch (stat) {
            case "mean" -> sum / count;
            case "max" -> max;
            case "p50" -> percentile(50);
            case "p90" -> percentile(90);
            case "p99" -> percentile(99);
            case "p999" -> percentile(99.9);
            default -> throw new IllegalArgumentException("stat: unknown '" + stat + "'");
        };
    }

    /** The value at a percentile, never above the exact maximum. */
    public double percentile(double p) {
        return Math.min(histogram.getValueAtPercentile(p), max);
    }
}
