package org.fabricsim.results;

import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.workloads.serving.Step;
import org.fabricsim.workloads.serving.StepEngine;

/** A test engine of known step times: a step holding a prefill takes {@code prefillS}, any other {@code decodeS}. */
final class FixedStepEngine implements StepEngine {
    private final Timeline timeline;
    private final double prefillS;
    private final double decodeS;

    FixedStepEngine(Timeline timeline, double prefillS, double decodeS) {
        this.timeline = timeline;
        this.prefillS = prefillS;
        this.decodeS = decodeS;
    }

    @Override
    public void submit(Step step, Runnable done) {
        timeline.after(step.sequences().get(0).prefill() ? prefillS : decodeS, done);
    }

    @Override
    public int maxStepsInFlight() {
        return 1;
    }

    @Override
    public long kvCapacityTokens() {
        return 1 << 20;
    }
}
