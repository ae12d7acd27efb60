package org.fabricsim.workloads.wafer;

import org.fabricsim.workloads.model.ModelRef;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.fabricsim.core.random.RandomStreams;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.workloads.model.ModelSpec;
import org.fabricsim.workloads.requests.ClosedLoopSource;
import org.fabricsim.workloads.requests.Request;
import org.fabricsim.workloads.serving.BatchingDriver;
import org.fabricsim.workloads.serving.Deployment;
import org.fabricsim.workloads.serving.ServingPolicy;
import org.fabricsim.workloads.serving.SystemRun;
import org.fabricsim.workloads.serving.TokenLog;
import org.junit.jupiter.api.Test;

/**
 * The analytic fidelity books what the flow fidelity simulates: on an idle pipeline both give the same
 * times (the same critical path), and under load they stay close on decode speed, the analytic one
 * missing only contention further along mesh routes than their first core.
 */
class AnalyticFidelityTest {

    private static final ServingPolicy.Speculative DRAFT_3 = new ServingPolicy.Speculative(null, 1, 3, 0.7, null);

    private static SystemRun run(String fidelity, ModelSpec m, int users, int requests, boolean speculative) {
        return run(fidelity, m, "1", users, requests, 64, 24, speculative ? DRAFT_3 : null);
    }

    private static SystemRun run(String fidelity, ModelSpec m, String wafers, int users, int requests, int promptTokens,
            int outputTokens, ServingPolicy.Speculative speculative) {
        WaferSystemConfig c = new WaferSystemConfig("w", ModelRef.named(m.name()), new ServingPolicy(1, null, null, speculative), null,
                wafers, null, null, null, null, 256L, null, 32, 32, fidelity, null, null);
        Timeline t = new Timeline();
        Deployment d = c.deploy(m, null, t, new RandomStreams(1));
        List<Request> reqs = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            reqs.add(new Request(i, 0, promptTokens, outputTokens));
        }
        BatchingDriver driver = new BatchingDriver("w", t, new ClosedLoopSource(reqs, users, 0), d, c.serving(),
                new RandomStreams(1).stream("acceptance"));
        driver.start();
        t.run();
        return driver.result(0);
    }

    /** Mean over requests of (last token - first token) / (tokens - 1): time per output token. */
    private static double meanTpotS(SystemRun r) {
        TokenLog log = r.tokens();
        int n = r.requests().size();
        double[] first = new double[n];
        double[] last = new double[n];
        int[] count = new int[n];
        for (int i = 0; i < log.size(); i++) {
            int id = (int) log.requestId(i);
            if (count[id]++ == 0) {
                first[id] = log.emitS(i);
            }
            last[id] = log.emitS(i);
        }
        double sum = 0;
        for (int id = 0; id < n; id++) {
            sum += (last[id] - first[id]) / (count[id] - 1);
        }
        return sum / n;
    }

    private static double lastTokenS(SystemRun r) {
        TokenLog log = r.tokens();
        double end = 0;
        for (int i = 0; i < log.size(); i++) {
            end = Math.max(end, log.emitS(i));
        }
        return end;
    }

    @Test
    void idlePipeline_sameTimesAsFlow() {
        for (ModelSpec m : List.of(SmallModels.dense(4), SmallModels.moe())) {
            SystemRun flow = run("flow", m, 1, 2, false);
            SystemRun analytic = run("analytic", m, 1, 2, false);
            assertEquals(flow.tokens().size(), analytic.tokens().size());
            for (int i = 0; i < flow.tokens().size(); i++) {
                assertEquals(flow.tokens().emitS(i), analytic.tokens().emitS(i), 1e-9 * flow.tokens().emitS(i),
                        m.name() + " token " + i);
            }
        }
    }

    @Test
    void loadedMoePipeline_decodeSpeedAndMakespanCloseToFlow() {
        for (boolean speculative : new boolean[] {false, true}) {
            SystemRun flow = run("flow", SmallModels.moe(), 8, 24, speculative);
            SystemRun analytic = run("analytic", SmallModels.moe(), 8, 24, speculative);
            double tpotFlow = meanTpotS(flow);
            double tpotAnalytic = meanTpotS(analytic);
            assertEquals(tpotFlow, tpotAnalytic, 0.10 * tpotFlow, "mean TPOT, speculative " + speculative);
            assertEquals(lastTokenS(flow), lastTokenS(analytic), 0.10 * lastTokenS(flow), "makespan, speculative " + speculative);
        }
    }

    /**
     * The seed comparison's shape in small: single-request steps of 5 draft tokens from 16 users keep a deep
     * pipeline on two wafers full, so steps meet at expert regions and inter-wafer links all the time. Booking
     * a server when a step's local queue got there rather than when its work arrived (analytic's first
     * version) queued earlier arrivals behind later ones and gave 1.45x flow's TPOT here.
     */
    @Test
    void sustainedSpeculativeLoad_deepMoe_decodeSpeedAndMakespanCloseToFlow() {
        ServingPolicy.Speculative draft5 = new ServingPolicy.Speculative(null, 1, 5, 0.8, null);
        SystemRun flow = run("flow", SmallModels.deepMoe(), "2", 16, 64, 128, 64, draft5);
        SystemRun analytic = run("analytic", SmallModels.deepMoe(), "2", 16, 64, 128, 64, draft5);
        assertEquals(meanTpotS(flow), meanTpotS(analytic), 0.10 * meanTpotS(flow), "mean TPOT");
        assertEquals(lastTokenS(flow), lastTokenS(analytic), 0.10 * lastTokenS(flow), "makespan");
    }
}
