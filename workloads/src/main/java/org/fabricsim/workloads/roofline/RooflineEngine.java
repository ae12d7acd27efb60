package org.fabricsim.workloads.roofline;

import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.workloads.model.ModelSpec;
import org.fabricsim.workloads.serving.SpeculativeDrafts;
import org.fabricsim.workloads.serving.Step;
import org.fabricsim.workloads.serving.StepEngine;
import org.fabricsim.workloads.serving.StepWork;

/**
 * One roofline server: one step at a time, each taking max(bytes / bandwidth, FLOPs / peak) +
 * overhead; a speculative step first runs k single-token passes of the draft.
 */
final class RooflineEngine implements StepEngine {
    private final RooflineSystemConfig config;
    private final ModelSpec target;
    private final ModelSpec draft;
    private final long kvCapacityTokens;
    private final Timeline timeline;

    RooflineEngine(RooflineSystemConfig config, ModelSpec target, ModelSpec draft, long kvCapacityTokens,
            Timeline timeline) {
        this.config = config;
        this.target = target;
        this.draft = draft;
        this.kvCapacityTokens = kvCapacityTokens;
        this.timeline = timeline;
    }

    private double busySeconds;

    @Override
    public void submit(Step step, Runnable done) {
        double t = stepTimeS(step);
        busySeconds += t;
        timeline.after(t, "roofline step", done);
    }

    /** Seconds of steps submitted so far: one step at a time, so the time the accelerator is busy. */
    double busySeconds() {
        return busySeconds;
    }

    /** Simulated duration of a step. */
    double stepTimeS(Step step) {
        double[] t = {passTimeS(target, step, 0, target.layerCount())};
        if (step.draftTokens() > 0) {
            ModelSpec d = draft != null ? draft : target;
            int layers = draft != null ? d.layerCount()
                    : Math.min(config.serving().speculative().draftLayers(), target.layerCount());
            // one server: the draft passes follow each other at once, so their times add
            SpeculativeDrafts.run(step, (pass, done) -> {
                t[0] += passTimeS(d, pass, 0, layers);
                done.run();
            }, () -> { });
        }
        return t[0];
    }

    private double passTimeS(ModelSpec model, Step step, int from, int to) {
        StepWork.Totals w = StepWork.of(model, step, from, to, true);
        return Math.max(w.bytes() / config.memoryBandwidthBytesPerS(), w.flops() / config.peakFlopsPerS())
                + config.stepOverheadS();
    }

    @Override
    public int maxStepsInFlight() {
        return 1;
    }

    @Override
    public long kvCapacityTokens() {
        return kvCapacityTokens;
    }
}
