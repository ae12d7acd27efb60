package org.fabricsim.results.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CdfTest {
    @Test
    void of_smallSample_stepAtEachSortedValue() {
        Cdf c = Cdf.of(new double[] {3, 1, Double.NaN, 2, 4});
        assertArrayEquals(new double[] {1, 2, 3, 4}, c.x());
        assertArrayEquals(new double[] {0.25, 0.5, 0.75, 1.0}, c.p());
    }

    @Test
    void of_largeSample_thinnedKeepsExtremesAndUniformShape() {
        int n = 100_000;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i + 1) / (double) n; // uniform on (0, 1]: F(x) = x
        }
        Cdf c = Cdf.of(v);
        assertEquals(Cdf.MAX_POINTS, c.x().length);
        assertEquals(1.0 / n, c.x()[0]);
        assertEquals(1.0, c.x()[c.x().length - 1]);
        for (int k = 0; k < c.x().length; k++) {
            assertEquals(c.x()[k], c.p()[k], 1e-12);
        }
    }
}
