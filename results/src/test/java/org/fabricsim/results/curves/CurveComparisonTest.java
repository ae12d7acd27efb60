package org.fabricsim.results.curves;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.fabricsim.results.curves.CurveComparison.PointError;
import org.junit.jupiter.api.Test;

class CurveComparisonTest {
    private static PublishedPoint point(String c, CurveMetric m, double published, String unit, char grade, String fittedBy) {
        return new PublishedPoint("D", grade, Map.of("concurrency", c), m, published, unit, fittedBy, "src", "", 2);
    }

    @Test
    void error_isSimulatedOverPublishedLessOne_positiveWhenTheModelsFigureIsLarger() {
        PointError e = PointError.of(point("1", CurveMetric.TTFT, 200, "ms", 'A', ""), 0.250);
        assertEquals(0.25, e.error(), 1e-12);
        assertEquals(0.25, e.headlineError(), 1e-12); // TTFT counts as itself: the model is slower
        assertEquals(250, e.simulated(), 1e-9); // back in the published unit
    }

    @Test
    void timePerToken_countsTowardPerUserSpeedAsItsInverse_positiveWhenTheModelIsFaster() {
        // published 20 ms per token = 50 tok/s; simulated 16 ms = 62.5 tok/s: 25% faster, though TPOT is 20% lower
        PointError e = PointError.of(point("1", CurveMetric.TPOT, 20, "ms", 'A', ""), 0.016);
        assertEquals(-0.20, e.error(), 1e-12);
        assertEquals(0.25, e.headlineError(), 1e-12);
        PointError itl = PointError.of(point("1", CurveMetric.ITL, 20, "ms", 'A', ""), 0.016);
        assertEquals(0.25, itl.headlineError(), 1e-12);
        PointError rate = PointError.of(point("1", CurveMetric.TOK_S_USER, 50, "tok/s", 'A', ""), 62.5);
        assertEquals(0.25, rate.headlineError(), 1e-12); // the same figure stated as a rate gives the same error
    }

    @Test
    void median_ofOutOfSamplePointsOnly_fittedAndGradeCLeftOut() {
        List<PointError> errors = List.of(
                PointError.of(point("1", CurveMetric.TOK_S_USER, 100, "tok/s", 'A', ""), 110), // +10%
                PointError.of(point("2", CurveMetric.TOK_S_USER, 100, "tok/s", 'B', ""), 70), // -30%
                PointError.of(point("4", CurveMetric.TOK_S_USER, 100, "tok/s", 'B', ""), 120), // +20%
                PointError.of(point("8", CurveMetric.TOK_S_USER, 100, "tok/s", 'A', "stack_host_overhead_s"), 100.5),
                PointError.of(point("16", CurveMetric.TOK_S_USER, 100, "tok/s", 'C', ""), 300),
                PointError.of(point("1", CurveMetric.TTFT, 1, "s", 'A', ""), 5),
                PointError.of(point("1", CurveMetric.OUTPUT_TOK_S, 100, "tok/s", 'A', ""), 900));
        CurveComparison.Headline speed = CurveComparison.headline(errors, CurveMetric.Headline.USER_SPEED, 0.25);
        assertEquals(3, speed.outOfSample());
        assertEquals(1, speed.fitted());
        assertEquals(0.20, speed.medianAbsError(), 1e-12); // |+10|, |-30|, |+20|: not the fitted 0.5%, not grade C's 200%
        assertEquals(1, speed.beyondBound());
        assertEquals("2", speed.worst().orElseThrow().point().key().get("concurrency"));
        CurveComparison.Headline ttft = CurveComparison.headline(errors, CurveMetric.Headline.TTFT, 0.25);
        assertEquals(1, ttft.outOfSample());
        assertEquals(4.0, ttft.medianAbsError(), 1e-12); // the throughput row counts toward neither
        assertTrue(errors.get(6).point().graded() && !errors.get(6).outOfSample());
    }

    @Test
    void median_evenCount_averagesTheMiddleTwo_noneIsNaN() {
        assertEquals(2.5, CurveComparison.median(List.of(4.0, 1.0, 3.0, 2.0)), 1e-12);
        assertTrue(Double.isNaN(CurveComparison.median(List.of())));
        CurveComparison.Headline none = CurveComparison.headline(List.of(), CurveMetric.Headline.TTFT, 0.3);
        assertEquals(0, none.outOfSample());
        assertTrue(none.worst().isEmpty());
    }
}
