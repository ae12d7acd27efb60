package org.fabricsim.results;

import java.util.ArrayList;
import java.util.List;

/** The non-dominated set of candidates scored on two quantities, both to maximise. */
public final class Pareto {
    private Pareto() {
    }

    /**
     * Indexes of the candidates no other beats on both scores (at least as good on both and better on one), in input
     * order. A candidate with a NaN score is never on the front.
     */
    public static List<Integer> front(double[] a, double[] b) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i]) || Double.isNaN(b[i])) {
                continue;
            }
            boolean dominated = false;
            for (int j = 0; j < a.length && !dominated; j++) {
                dominated = j != i && a[j] >= a[i] && b[j] >= b[i] && (a[j] > a[i] || b[j] > b[i]);
            }
            if (!dominated) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * Each candidate's non-dominated rank (NSGA-II's sorting): 1 for the front, 2 for the front of what remains
     * without it, and so on. A candidate with a NaN score ranks after every other ({@code Integer.MAX_VALUE}).
     */
    public static int[] ranks(double[] a, double[] b) {
        int n = a.length;
        int[] rank = new int[n];
        java.util.Arrays.fill(rank, Integer.MAX_VALUE);
        int left = 0;
        for (int i = 0; i < n; i++) {
            left += Double.isNaN(a[i]) || Double.isNaN(b[i]) ? 0 : 1;
        }
        for (int r = 1; left > 0; r++) {
            List<Integer> layer = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (rank[i] != Integer.MAX_VALUE || Double.isNaN(a[i]) || Double.isNaN(b[i])) {
                    continue;
                }
                boolean dominated = false;
                for (int j = 0; j < n && !dominated; j++) {
                    dominated = j != i && rank[j] == Integer.MAX_VALUE && !Double.isNaN(a[j]) && !Double.isNaN(b[j])
                            && a[j] >= a[i] && b[j] >= b[i] && (a[j] > a[i] || b[j] > b[i]);
                }
                if (!dominated) {
                    layer.add(i);
                }
            }
            for (int i : layer) {
                rank[i] = r;
            }
            left -= layer.size();
        }
        return rank;
    }
}
