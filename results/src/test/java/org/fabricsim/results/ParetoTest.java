package org.fabricsim.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ParetoTest {
    @Test
    void theFrontOfAHandMadeSetIsItsNonDominatedPoints() {
        double[] a = {1, 2, 3, 2, 0.5, Double.NaN};
        double[] b = {5, 4, 1, 2, 5, 9};
        // (2,2) is beaten by (2,4); (0.5,5) by (1,5); NaN is never on it
        assertEquals(List.of(0, 1, 2), Pareto.front(a, b));
    }

    @Test
    void noPointOnARandomFrontIsDominatedAndEveryPointOffItIs() {
        Random r = new Random(7);
        double[] a = new double[200];
        double[] b = new double[200];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextDouble();
            b[i] = r.nextDouble();
        }
        List<Integer> front = Pareto.front(a, b);
        for (int i = 0; i < a.length; i++) {
            boolean dominated = false;
            for (int j = 0; j < a.length; j++) {
                dominated |= a[j] >= a[i] && b[j] >= b[i] && (a[j] > a[i] || b[j] > b[i]);
            }
            assertEquals(!dominated, front.contains(i), "candidate " + i);
        }
        assertTrue(front.size() >= 1);
    }

    @Test
    void ranksPeelFrontsInTurnAndEachRankIsTheFrontOfWhatTheBetterRanksLeave() {
        double[] a = {1, 2, 3, 2, 0.5, Double.NaN, 1.5};
        double[] b = {5, 4, 1, 2, 5, 9, 1.5};
        // front (1,5) (2,4) (3,1); then (2,2) and (0.5,5); then (1.5,1.5), beaten by (2,2)
        assertEquals(List.of(1, 1, 1, 2, 2, Integer.MAX_VALUE, 3),
                java.util.Arrays.stream(Pareto.ranks(a, b)).boxed().toList());
        Random r = new Random(11);
        double[] x = new double[150];
        double[] y = new double[150];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextInt(20);
            y[i] = r.nextInt(20);
        }
        int[] rank = Pareto.ranks(x, y);
        for (int k = 1; k <= java.util.Arrays.stream(rank).max().getAsInt(); k++) {
            final int level = k;
            int[] rest = java.util.stream.IntStream.range(0, x.length).filter(i -> rank[i] >= level).toArray();
            List<Integer> front = Pareto.front(java.util.Arrays.stream(rest).mapToDouble(i -> x[i]).toArray(),
                    java.util.Arrays.stream(rest).mapToDouble(i -> y[i]).toArray());
            assertEquals(java.util.Arrays.stream(rest).filter(i -> rank[i] == level).boxed().toList(),
                    front.stream().map(i -> rest[i]).toList(), "rank " + k);
        }
    }
}
