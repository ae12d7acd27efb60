package org.fabricsim.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.commons.math3.random.JDKRandomGenerator;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.workloads.requests.OpenLoopSource;
import org.fabricsim.workloads.requests.Request;
import org.fabricsim.workloads.serving.BatchingDriver;
import org.fabricsim.workloads.serving.Deployment;
import org.fabricsim.workloads.serving.ServingPolicy;
import org.fabricsim.workloads.serving.StepEngine;
import org.fabricsim.workloads.serving.SystemRun;
import org.junit.jupiter.api.Test;

class SummaryTest {

    /** One request of 7 tokens; prefill 0.1 s, verify steps 0.03 s that always accept both drafts (3 tokens a step). */
    private static SystemRun speculative() {
        Timeline t = new Timeline();
        StepEngine engine = new FixedStepEngine(t, 0.1, 0.03);
        var spec = new ServingPolicy.Speculative(null, 1, 2, null, new double[] {0, 0, 1});
        BatchingDriver d = new BatchingDriver("sys", t, new OpenLoopSource(List.of(new Request(0, 0.0, 50, 7))),
                new Deployment(List.of(engine)), new ServingPolicy(1, null, null, spec), new JDKRandomGenerator(1));
        d.start();
        t.run();
        return d.result(0);
    }

    @Test
    void emissionGap_isTheTimeBetweenDistinctEmits_whileItlCountsTogetherTokensAsZero() {
        Summary s = new Summary();
        s.add(RunAnalysis.of(speculative()));
        // tokens at 0.10 | 0.13 0.13 0.13 | 0.16 0.16 0.16: ITL is 0.03 0 0 0.03 0 0
        Distribution itl = s.distribution("sys", Metric.ITL_S);
        assertEquals(6, itl.count());
        assertEquals(0.0, itl.stat("p50"));
        Distribution gap = s.distribution("sys", Metric.EMISSION_GAP_S);
        assertEquals(2, gap.count());
        assertEquals(0.03, gap.stat("p50"), 1e-12);
        assertEquals(0.03, gap.stat("mean"), 1e-12);
        assertEquals(0.03, gap.stat("max"), 1e-12);
    }

    @Test
    void emissionGap_isInTheRowsAfterItl_withUnitSeconds() {
        Summary s = new Summary();
        s.add(RunAnalysis.of(speculative()));
        List<SummaryRow> rows = s.rows().stream().filter(r -> r.metric().equals("emission_gap_s")).toList();
        assertEquals(Distribution.STATS.length, rows.size());
        assertEquals("count", rows.get(0).unit());
        assertEquals("s", rows.get(2).unit());
        assertEquals(0.03, rows.get(2).value(), 1e-12);
    }
}
