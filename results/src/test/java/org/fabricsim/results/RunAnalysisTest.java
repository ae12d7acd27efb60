package org.fabricsim.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.workloads.requests.OpenLoopSource;
import org.fabricsim.workloads.requests.Request;
import org.fabricsim.workloads.serving.BatchingDriver;
import org.fabricsim.workloads.serving.Deployment;
import org.fabricsim.workloads.serving.ServingPolicy;
import org.fabricsim.workloads.serving.StepEngine;
import org.fabricsim.workloads.serving.SystemRun;
import org.junit.jupiter.api.Test;

class RunAnalysisTest {

    /** Two requests on an engine whose prefill takes 0.1 s and decode steps 0.02 s, batch 1. */
    private static SystemRun twoRequests() {
        Timeline t = new Timeline();
        StepEngine engine = new FixedStepEngine(t, 0.1, 0.02);
        List<Request> reqs = List.of(new Request(0, 0.0, 50, 4), new Request(1, 0.05, 50, 1));
        BatchingDriver d = new BatchingDriver("sys", t, new OpenLoopSource(reqs), new Deployment(List.of(engine)),
                ServingPolicy.DEFAULT, null);
        d.start();
        t.run();
        return d.result(0);
    }

    @Test
    void metrics_followTheirDefinitions() {
        RunAnalysis a = new RunAnalysis(twoRequests());
        List<RequestMetrics> m = a.requestMetrics();
        // request 0: tokens at 0.10, 0.12, 0.14, 0.16
        assertEquals(0.10, m.get(0).ttftS(), 1e-12);
        assertEquals(0.02, m.get(0).tpotS(), 1e-12);
        assertEquals(50.0, m.get(0).outputTokensPerS(), 1e-9);
        assertEquals(0.16, m.get(0).e2eS(), 1e-12);
        // request 1 waits for request 0 (batch 1), prefills 0.16 -> 0.26; one token: no TPOT
        assertEquals(0.26 - 0.05, m.get(1).ttftS(), 1e-12);
        assertTrue(Double.isNaN(m.get(1).tpotS()));
        // 5 tokens from first arrival 0 to last emit 0.26
        assertEquals(5 / 0.26, a.throughputTokensPerS(), 1e-9);
    }

    @Test
    void tokenLatencies_sumToEndToEndPerRequest() {
        RunAnalysis a = new RunAnalysis(twoRequests());
        double sum0 = 0;
        for (int j = 0; j < 4; j++) {
            sum0 += a.latencyS(j);
        }
        assertEquals(a.requestMetrics().get(0).e2eS(), sum0, 1e-12);
        assertEquals(a.requestMetrics().get(1).e2eS(), a.latencyS(4), 1e-12);
    }
}
