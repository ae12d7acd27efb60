package org.fabricsim.results.curves;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A batch benchmark's per-user speed is output tokens over the batch's latency: with a batch that runs in two
 * waves the requests of the first wave finish early, so the mean E2E understates the batch's latency and the
 * per-request figure (tok_s_user_e2e) overstates what the batch benchmark reports.
 */
class CurveMetricTest {
    // two waves of equal requests, 10 s each: E2Es of 10 s and 20 s, the batch done at 20 s
    private final Map<String, Double> summary = Map.of("e2e_s/mean", 15.0, "e2e_s/max", 20.0, "tpot_s/mean", 0.01);

    @Test
    void batchSpeed_isOutputTokensOverTheLongestE2e() {
        assertEquals(1000 / 20.0, CurveMetric.TOK_S_USER_BATCH.simulated(summary, 1000).getAsDouble(), 1e-12);
        assertEquals(1000 / 15.0, CurveMetric.TOK_S_USER_E2E.simulated(summary, 1000).getAsDouble(), 1e-12);
        assertTrue(CurveMetric.TOK_S_USER_BATCH.simulated(summary, 1000).getAsDouble()
                < CurveMetric.TOK_S_USER_E2E.simulated(summary, 1000).getAsDouble());
    }

    @Test
    void batchSpeed_countsTowardPerUserSpeed_andNeedsTheMax() {
        assertEquals(CurveMetric.Headline.USER_SPEED, CurveMetric.TOK_S_USER_BATCH.headline());
        assertEquals(CurveMetric.TOK_S_USER_BATCH, CurveMetric.byKey("tok_s_user_batch"));
        assertTrue(CurveMetric.TOK_S_USER_BATCH.simulated(Map.of("e2e_s/mean", 15.0), 1000).isEmpty());
    }
}
