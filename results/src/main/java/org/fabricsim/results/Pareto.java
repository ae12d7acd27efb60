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
}
