package org.fabricsim.cli.bench;

import java.util.Arrays;

/**
 * Plain timed loops without JMH: a few warm-up rounds (JIT compilation), then the median wall-clock
 * time of the measured rounds. Good to about 10% on a quiet machine; JMH (the bench module) for better.
 */
public record Rounds(int warmups, int measured) {
    public Rounds {
        if (warmups < 0) {
            throw new IllegalArgumentException("warmups: must be >= 0, got " + warmups);
        }
        if (measured < 1) {
            throw new IllegalArgumentException("measured: must be >= 1, got " + measured);
        }
    }

    /** A body whose wall-clock time is measured; may throw. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /** Median wall-clock seconds of one execution of {@code body}. */
    public double medianSeconds(Body body) throws Exception {
        for (int i = 0; i < warmups; i++) {
            body.run();
        }
        double[] s = new double[measured];
        for (int i = 0; i < measured; i++) {
            long t0 = System.nanoTime();
            body.run();
            s[i] = (System.nanoTime() - t0) * 1e-9;
        }
        return median(s);
    }

    /**
     * Median wall-clock seconds of each body, the bodies run round-robin (warm-ups too) so that a
     * disturbance on a shared machine hits them alike and their ratios stay meaningful.
     */
    public double[] medianSecondsInterleaved(java.util.List<Body> bodies) throws Exception {
        for (int i = 0; i < warmups; i++) {
            for (Body b : bodies) {
                b.run();
            }
        }
        double[][] s = new double[bodies.size()][measured];
        for (int i = 0; i < measured; i++) {
            for (int k = 0; k < bodies.size(); k++) {
                long t0 = System.nanoTime();
                bodies.get(k).run();
                s[k][i] = (System.nanoTime() - t0) * 1e-9;
            }
        }
        double[] medians = new double[bodies.size()];
        for (int k = 0; k < medians.length; k++) {
            medians[k] = median(s[k]);
        }
        return medians;
    }

    /** Median of the values (mean of the middle two for an even count). */
    public static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("values: must not be empty");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : 0.5 * (v[m - 1] + v[m]);
    }
}
