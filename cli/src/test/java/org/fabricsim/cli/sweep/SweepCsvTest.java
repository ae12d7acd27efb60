package org.fabricsim.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SweepCsvTest {
    @Test
    void estimate_threeValues_studentTHalfWidth() {
        // values 1, 2, 3: mean 2, sample sd 1; t(0.975, 2 d.f.) = 4.303 (any t table)
        SweepCsv.Estimate e = SweepCsv.Estimate.of(List.of(1.0, 2.0, 3.0));
        assertEquals(2.0, e.mean(), 1e-12);
        assertEquals(4.303 / Math.sqrt(3), e.ci95HalfWidth(), 1e-3);
        assertEquals(3, e.n());
    }

    @Test
    void estimate_manyValues_approachesNormalQuantile() {
        // 1000 alternating 0/2: mean 1, sd ~1; half-width -> 1.96 * sd / sqrt(n)
        List<Double> v = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            v.add(i % 2 == 0 ? 0.0 : 2.0);
        }
        SweepCsv.Estimate e = SweepCsv.Estimate.of(v);
        double sd = Math.sqrt(1000.0 / 999.0);
        assertEquals(1.962 * sd / Math.sqrt(1000), e.ci95HalfWidth(), 1e-4);
    }

    @Test
    void estimate_oneValue_noInterval_nanSkipped() {
        SweepCsv.Estimate e = SweepCsv.Estimate.of(List.of(5.0, Double.NaN));
        assertEquals(5.0, e.mean());
        assertTrue(Double.isNaN(e.ci95HalfWidth()));
        assertEquals(1, e.n());
        assertTrue(Double.isNaN(SweepCsv.Estimate.of(List.of(Double.NaN)).mean()));
    }
}
