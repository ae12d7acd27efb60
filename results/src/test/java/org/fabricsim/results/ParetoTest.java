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
}
