package org.fabricsim.workloads.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fabricsim.core.random.RandomStreams;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.workloads.model.ModelCatalog;
import org.fabricsim.workloads.model.ModelRef;
import org.fabricsim.workloads.model.ModelSpec;
import org.fabricsim.workloads.serving.CalibrationChoice;
import org.fabricsim.workloads.serving.ServingPolicy;
import org.fabricsim.workloads.serving.Step;
import org.junit.jupiter.api.Test;

/** A software stack's host time and kernel efficiency reach the steps as their definitions say. */
class GpuStackTest {
    private static final double HOST_S = 3e-3;

    private static GpuSystemConfig config(String model, int tp, int pp, ServingPolicy serving, CalibrationChoice stack) {
        return new GpuSystemConfig("s", ModelRef.named(model), serving, GpuHardware.named("h100"), null, null, tp, 1, pp,
                1, null, null, null, null, null, null, null, null, null, null, null, null, stack);
    }

    /** Simulated seconds of one step of {@code sequences} sequences of one new token each at {@code context}. */
    private static double stepS(GpuSystemConfig c, String model, int sequences, int context, int drafts) {
        ModelSpec m = ModelCatalog.get(model);
        Timeline timeline = new Timeline();
        List<Step.SequenceWork> work = new ArrayList<>();
        for (int i = 0; i < sequences; i++) {
            work.add(new Step.SequenceWork(i, 1 + drafts, context, false));
        }
        double[] end = {Double.NaN};
        c.deploy(m, null, timeline, new RandomStreams(1)).replicas().get(0)
                .submit(new Step(work, drafts), () -> end[0] = timeline.now());
        timeline.run();
        return end[0];
    }

    private static CalibrationChoice ideal(Map<String, Double> changes) {
        return new CalibrationChoice("ideal", changes);
    }

    @Test
    void hostTime_addsOncePerStep_notPerStageOrDraftPass() {
        CalibrationChoice host = ideal(Map.of("step_overhead_s", HOST_S));
        assertEquals(HOST_S, stepS(config("llama-3.1-8b", 1, 1, null, host), "llama-3.1-8b", 1, 128, 0)
                - stepS(config("llama-3.1-8b", 1, 1, null, null), "llama-3.1-8b", 1, 128, 0), 1e-12);
        // two pipeline stages: the host schedules the step once, before the first stage starts
        assertEquals(HOST_S, stepS(config("llama-3.1-70b", 8, 2, null, host), "llama-3.1-70b", 4, 512, 0)
                - stepS(config("llama-3.1-70b", 8, 2, null, null), "llama-3.1-70b", 4, 512, 0), 1e-12);
        // a speculative step's three draft passes and its verify pass are one step of the scheduler
        ServingPolicy spec = new ServingPolicy(1, 8192, false, new ServingPolicy.Speculative(null, 1, 3, 0.8, null));
        assertEquals(HOST_S, stepS(config("llama-3.1-8b", 1, 1, spec, host), "llama-3.1-8b", 1, 128, 3)
                - stepS(config("llama-3.1-8b", 1, 1, spec, null), "llama-3.1-8b", 1, 128, 3), 1e-12);
    }

    @Test
    void halfTheKernelEfficiency_nearlyDoublesAnHbmBoundStep() {
        // 32 sequences at 8k of context: the KV cache and weights streamed from HBM set the step, launches a few us
        double full = stepS(config("llama-3.1-8b", 1, 1, null, null), "llama-3.1-8b", 32, 8192, 0);
        double half = stepS(config("llama-3.1-8b", 1, 1, null, ideal(Map.of("kernel_efficiency", 0.5))),
                "llama-3.1-8b", 32, 8192, 0);
        assertTrue(half / full > 1.85 && half / full <= 2.0, half + " vs " + full);
    }

    @Test
    void theShippedStacksAreSlowerThanTheStructuralModelAlone() {
        double ideal = stepS(config("llama-3.1-8b", 1, 1, null, null), "llama-3.1-8b", 8, 1024, 0);
        for (String stack : List.of("trtllm", "sglang", "vllm")) {
            double s = stepS(config("llama-3.1-8b", 1, 1, null, CalibrationChoice.named(stack)), "llama-3.1-8b", 8, 1024, 0);
            assertTrue(s > ideal, stack + ": " + s + " vs ideal " + ideal);
        }
    }

    @Test
    void anUnknownStackOrAnOutOfRangeValue_isRefusedByName() {
        String e = assertThrows(IllegalArgumentException.class,
                () -> config("llama-3.1-8b", 1, 1, null, CalibrationChoice.named("tgi"))).getMessage();
        assertTrue(e.startsWith("stack: base: must be one of ideal, trtllm, sglang, vllm"), e);
        e = assertThrows(IllegalArgumentException.class,
                () -> config("llama-3.1-8b", 1, 1, null, ideal(Map.of("kernel_efficiency", 1.2)))).getMessage();
        assertTrue(e.contains("kernel_efficiency: must be in (0, 1]"), e);
        e = assertThrows(IllegalArgumentException.class,
                () -> config("llama-3.1-8b", 1, 1, null, ideal(Map.of("cuda_graphs", 0.5)))).getMessage();
        assertTrue(e.contains("cuda_graphs: must be true or false"), e);
    }

    @Test
    void aStackWithoutCudaGraphs_launchesEagerly_unlessTheScenarioSaysOtherwise() {
        CalibrationChoice eager = ideal(Map.of("cuda_graphs", 0.0));
        assertTrue(!config("llama-3.1-8b", 1, 1, null, eager).cudaGraphs());
        GpuSystemConfig overridden = new GpuSystemConfig("s", ModelRef.named("llama-3.1-8b"), null,
                GpuHardware.named("h100"), null, null, 1, 1, 1, 1, null, null, null, null, true, null, null, null, null,
                null, null, null, eager);
        assertTrue(overridden.cudaGraphs());
    }
}
