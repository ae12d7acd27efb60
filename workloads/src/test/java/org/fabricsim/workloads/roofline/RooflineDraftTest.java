package org.fabricsim.workloads.roofline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.workloads.model.ModelRef;
import org.fabricsim.workloads.model.ModelSpec;
import org.fabricsim.workloads.serving.ServingPolicy;
import org.fabricsim.workloads.serving.Step;
import org.junit.jupiter.api.Test;

/** The roofline's draft passes each read the KV cache of the tokens drafted before them. */
class RooflineDraftTest {
    private static final double BANDWIDTH = 1e12;
    private static final int DRAFT_LAYERS = 2;

    @Test
    void eachDraftPass_readsOneTokenMoreKvThanTheOneBefore() {
        ServingPolicy serving = new ServingPolicy(1, null, null,
                new ServingPolicy.Speculative(null, DRAFT_LAYERS, 4, 0.7, null));
        // FLOPs are all but free, so every pass is memory-bound: time = bytes / bandwidth
        RooflineSystemConfig config = new RooflineSystemConfig("r", ModelRef.named("llama-3.1-8b"), serving, 1e18,
                BANDWIDTH, null, 0.0, null, null, null, null);
        ModelSpec m = config.model().spec();
        RooflineEngine engine = new RooflineEngine(config, m, null, 1_000_000, new Timeline());
        List<Step.SequenceWork> verify = List.of(new Step.SequenceWork(1, 5, 10_000, false));
        double target = engine.stepTimeS(new Step(verify, 0));
        double drafts2 = engine.stepTimeS(new Step(verify, 2)) - target;
        double drafts4 = engine.stepTimeS(new Step(verify, 4)) - target;
        // k passes at contexts C..C+k-1 cost k d(C) + k(k-1)/2 e, e the KV of one token in the draft layers over
        // the bandwidth; so drafts4 - 2 drafts2 = 4 e (0 if every pass read the step's context)
        double e = (m.layers().get(0).kvBytesPerToken() + m.layers().get(1).kvBytesPerToken()) / BANDWIDTH;
        assertEquals(4 * e, drafts4 - 2 * drafts2, 1e-6 * e);
    }
}
