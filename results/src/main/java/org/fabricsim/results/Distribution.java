package org.fabricsim.results;

import java.util.Arrays;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * A latency or speed distribution: exact count, mean and max, and exact percentiles: the sample value
 * of nearest rank (Commons Math's R-1 estimator, the inverse of the empirical distribution function),
 * so the p50 of a replication is one of its own values and replications differ as their samples do.
 * A histogram's buckets would give every replication the same bucketed p50 and a fake zero-width
 * confidence interval.
 */
public final class Distribution {
    /** How every percentile in summary.csv is computed; written into summary.json. */
    public static final String PERCENTILE_METHOD = "exact: nearest-rank sample value (R-1)";
    /** The stats of summary.csv, in order. Names are part of the output contract. */
    public static final String[] STATS = {"count", "mean", "p50", "p90", "p99", "p999", "max"};

    private double[] values = new double[16];
    private int count;
    private double sum;
    private double max = Double.NaN;
    private Percentile sorted;

    /** Records a value; NaN values (undefined, e.g. TPOT of a one-token request) are skipped. */
    public void record(double value) {
        if (Double.isNaN(value)) {
            return;
        }
        if (value < 0) {
            throw new IllegalArgumentException("value: must be >= 0, got " + value);
        }
        if (count == values.length) {
            grow();
        }
        values[count++] = value;
        sum += value;
        max = count == 1 ? value : Math.max(max, value);
        sorted = null;
    }

    private void grow() {
        values = Arrays.copyOf(values, values.length * 2);
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

    /** The sample value at a percentile (0 < p <= 100), by nearest rank. */
    public double percentile(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        if (sorted == null) {
            // Percentile keeps the data and its partial ordering between calls, so the seven stats sort once
            sorted = new Percentile().withEstimationType(Percentile.EstimationType.R_1);
            sorted.setData(Arrays.copyOf(values, count));
        }
        return sorted.evaluate(p);
    }
}
