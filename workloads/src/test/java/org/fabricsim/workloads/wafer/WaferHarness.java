package org.fabricsim.workloads.wafer;

import org.fabricsim.workloads.model.ModelRef;
import java.util.ArrayList;
import java.util.List;
import org.fabricsim.core.random.RandomStreams;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.workloads.model.ModelSpec;
import org.fabricsim.workloads.serving.ServingPolicy;
import org.fabricsim.workloads.serving.Step;
import org.fabricsim.workloads.serving.StepEngine;

/** Test helper: deploys a wafer config and times decode steps submitted one after another. */
final class WaferHarness {
    final Timeline timeline = new Timeline();
    final StepEngine engine;

    WaferHarness(WaferSystemConfig config, ModelSpec model) {
        engine = config.deploy(model, null, timeline, new RandomStreams(1)).replicas().get(0);
    }

    static WaferSystemConfig config(String model, String wafer, String wafers) {
        return new WaferSystemConfig("test", ModelRef.named(model), ServingPolicy.DEFAULT, wafer == null ? null : WaferHardware.named(wafer), wafers, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    /** Seconds of each of {@code steps} batch-1 decode steps run back to back, from context {@code prompt}. */
    List<Double> decodeStepTimes(int prompt, int steps) {
        List<Double> out = new ArrayList<>();
        decode(prompt, 0, steps, out);
        timeline.run();
        return out;
    }

    private void decode(int prompt, int i, int steps, List<Double> out) {
        if (i == steps) {
            return;
        }
        double start = timeline.now();
        Step s = new Step(List.of(new Step.SequenceWork(1, 1, prompt + i, false)), 0);
        engine.submit(s, () -> {
            out.add(timeline.now() - start);
            decode(prompt, i + 1, steps, out);
        });
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }
}
