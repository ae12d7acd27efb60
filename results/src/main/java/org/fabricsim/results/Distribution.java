package org.fabricsim.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.util.FastMath;

/**
 * A latency or speed distribution: exact count, mean and max, and exact percentiles: the sample value
 * of nearest rank (Commons Math's R-1 estimator, the inverse of the empirical distribution function),
 * so the p50 of a replication is one of its own values and replications differ as their samples do.
 * A histogram's buckets would give every replication the same bucketed p50 and a fake zero-width
 * confidence interval.
 *
 * <p>Given a spill folder, the values beyond a block go to files there ({@link ValueStore}); the percentiles
 * of spilled values are then found by a radix select over the files (four passes, 16 bits of the value's
 * bits at a time), which picks the same sample Commons Math does, with memory flat in the count.
 */
public final class Distribution {
    /** How every percentile in summary.csv is computed; written into summary.json. */
    public static final String PERCENTILE_METHOD = "exact: nearest-rank sample value (R-1)";
    /** The stats of summary.csv, in order. Names are part of the output contract. */
    public static final String[] STATS = {"count", "mean", "p50", "p90", "p99", "p999", "max"};
    private static final double[] STAT_PERCENTILES = {50, 90, 99, 99.9};

    private final Path spillFolder;
    /** The values in recording order: this distribution's own and those of the distributions it took in. */
    private final List<ValueStore> stores = new ArrayList<>();
    private ValueStore recording;
    private long count;
    private double sum;
    private double max = Double.NaN;
    private Percentile sorted;
    private final Map<Double, Double> selected = new HashMap<>();

    /** A distribution holding its values in memory. */
    public Distribution() {
        this(null);
    }

    /** A distribution spilling its values beyond a block into {@code spillFolder} (null: memory only). */
    public Distribution(Path spillFolder) {
        this.spillFolder = spillFolder;
    }

    /** Records a value; NaN values (undefined, e.g. TPOT of a one-token request) are skipped. */
    public void record(double value) {
        if (Double.isNaN(value)) {
            return;
        }
        if (value < 0) {
            throw new IllegalArgumentException("value: must be >= 0, got " + value);
        }
        if (recording == null) {
            recording = new ValueStore(spillFolder);
            stores.add(recording);
        }
        recording.add(value);
        tally(value);
    }

    private void tally(double value) {
        count++;
        sum += value;
        max = count == 1 ? value : Math.max(max, value);
        sorted = null;
        selected.clear();
    }

    /**
     * Takes in every value of {@code other} as if recorded here one by one in its order (so the mean's sum is
     * the same), sharing its stores rather than copying them. {@code other} records nothing more.
     */
    public void addAll(Distribution other) {
        other.seal();
        if (recording != null) {
            recording.seal();
            recording = null;
        }
        for (ValueStore s : other.stores) {
            s.read((values, n) -> {
                for (int i = 0; i < n; i++) {
                    tally(values[i]);
                }
            });
            stores.add(s);
        }
    }

    /** Ends recording: spilled values are written out and leave memory. */
    void seal() {
        if (recording != null) {
            recording.seal();
            recording = null;
        }
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
        if (stores.stream().allMatch(ValueStore::inMemory)) {
            if (sorted == null) {
                // Percentile keeps the data and its partial ordering between calls, so the seven stats sort once
                sorted = new Percentile().withEstimationType(Percentile.EstimationType.R_1);
                sorted.setData(memoryValues());
            }
            return sorted.evaluate(p);
        }
        Double known = selected.get(p);
        if (known != null) {
            return known;
        }
        // the summary's percentiles in one select, four passes over the files for all of them
        double[] ps = Arrays.stream(STAT_PERCENTILES).anyMatch(x -> x == p) ? STAT_PERCENTILES : new double[] {p};
        long[] ranks = new long[ps.length];
        for (int j = 0; j < ps.length; j++) {
            ranks[j] = nearestRank(ps[j], count);
        }
        double[] values = RadixSelect.select(stores, ranks);
        for (int j = 0; j < ps.length; j++) {
            selected.put(ps[j], values[j]);
        }
        return selected.get(p);
    }

    private double[] memoryValues() {
        double[] all = new double[Math.toIntExact(count)];
        int at = 0;
        for (ValueStore s : stores) {
            double[] v = s.memoryValues();
            System.arraycopy(v, 0, all, at, v.length);
            at += v.length;
        }
        return all;
    }

    /**
     * The 0-based rank of percentile {@code p} among {@code n} sorted values, computed as Commons Math 3.6.1's
     * R-1 estimator does (index n*q + 1/2, position ceil(index - 1/2), clamped to the first and last value).
     */
    static long nearestRank(double p, long n) {
        double q = p / 100d;
        double index = Double.compare(q, 0d) == 0 ? 0 : n * q + 0.5;
        double pos = FastMath.ceil(index - 0.5);
        if (pos < 1) {
            return 0;
        }
        if (pos >= n) {
            return n - 1;
        }
        return (long) FastMath.floor(pos) - 1;
    }
}
