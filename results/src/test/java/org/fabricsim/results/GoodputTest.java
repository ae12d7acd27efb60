package org.fabricsim.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Goodput against a run whose SLO outcome per request is known by construction. */
class GoodputTest {
    @Test
    void goodputCountsTheRequestsMeetingBothTargetsPerSecondOfTheRun() {
        // built by the same helper the other results tests use: requests with known TTFT and TPOT
        RunFixture f = new RunFixture("sys");
        f.request(0.0, 0.10, 0.010, 11); // meets both
        f.request(0.5, 0.30, 0.010, 11); // TTFT 300 ms misses 200 ms
        f.request(1.0, 0.10, 0.030, 11); // TPOT 30 ms misses 20 ms
        f.request(1.5, 0.15, 0.015, 11); // meets both
        Slo slo = new Slo(0.200, 0.020);
        RunAnalysis a = f.analysis(slo);
        Summary s = new Summary(slo);
        s.add(a);
        double span = 1.5 + 0.15 + 10 * 0.015; // first arrival 0 to the last token
        assertEquals(span, a.spanS(), 1e-12);
        assertEquals(2 / span, s.distribution("sys", Metric.GOODPUT_REQUESTS_PER_S).stat("mean"), 1e-12);
    }

    @Test
    void withoutObjectivesGoodputIsUndefinedAndEveryOtherMetricIsUnchanged() {
        RunFixture f = new RunFixture("sys");
        f.request(0.0, 0.10, 0.010, 5);
        Summary none = new Summary();
        none.add(f.analysis());
        Slo unbounded = new Slo(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
        Summary loose = new Summary(unbounded);
        loose.add(f.analysis(unbounded));
        assertTrue(Double.isNaN(none.distribution("sys", Metric.GOODPUT_REQUESTS_PER_S).stat("mean")));
        for (Metric m : Metric.values()) {
            if (m != Metric.GOODPUT_REQUESTS_PER_S) {
                assertEquals(none.distribution("sys", m).stat("mean"), loose.distribution("sys", m).stat("mean"), 0, m.id());
            }
        }
        // every request meets no bound at all: goodput is the request rate
        assertEquals(1 / f.analysis().spanS(), loose.distribution("sys", Metric.GOODPUT_REQUESTS_PER_S).stat("mean"), 1e-12);
    }
}
