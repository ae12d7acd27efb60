package org.fabricsim.results.plot;

import java.util.Arrays;

/**
 * An empirical CDF: sorted values and F(x_i) = (i + 1) / n, thinned to at most {@link #MAX_POINTS}
 * points at evenly spaced ranks (the first and last kept) so figures stay small.
 */
record Cdf(double[] x, double[] p) {
    static final int MAX_POINTS = 500;

    static Cdf of(double[] values) {
        double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        int n = v.length;
        if (n == 0) {
            return new Cdf(new double[0], new double[0]);
        }
        int m = Math.min(n, MAX_POINTS);
        double[] x = new double[m];
        double[] p = new double[m];
        for (int k = 0; k < m; k++) {
            int i = m == 1 ? n - 1 : (int) Math.round(k * (n - 1) / (double) (m - 1));
            x[k] = v[i];
            p[k] = (i + 1) / (double) n;
        }
        return new Cdf(x, p);
    }
}
