package org.fabricsim.cli.bench;

import java.util.List;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.workloads.serving.Step;
import org.fabricsim.workloads.serving.StepEngine;
import org.fabricsim.workloads.serving.SystemConfig;

/**
 * One system deployed on a timeline of its own, running batch-1 decode steps (one sequence, one new
 * token, a fixed context, no draft tokens) one at a time, so that the wall-clock cost of a step can be
 * timed ({@code fabricsim bench} and the JMH KimiDecodeStepBenchmark). The first steps of a wafer
 * pipeline are slower than the rest (mesh routes are built and cached as experts are first used), so
 * callers warm up before they measure.
 */
public final class DecodeStepProbe {
    /** The context the benchmarks step at: the seed comparison's prompt length. */
    public static final int SEED_CONTEXT_TOKENS = 1_000;

    private final Timeline timeline = new Timeline("decode-step");
    private final StepEngine engine;
    private final Step step;
    private boolean done;
    private long steps;
    private long events;

    /** Deploys {@code system} (its first replica runs the steps); {@code contextTokens} of KV precede each new token. */
    public DecodeStepProbe(SystemConfig system, int contextTokens, long seed) {
        if (contextTokens < 0) {
            throw new IllegalArgumentException("contextTokens: must be >= 0, got " + contextTokens);
        }
        this.engine = SystemDeployer.deploy(system, timeline, seed).replicas().get(0);
        this.step = new Step(List.of(new Step.SequenceWork(0, 1, contextTokens, false)), 0);
    }

    /** Runs one decode step to completion; returns the simulated seconds it took. */
    public double step() {
        double start = timeline.now();
        long before = timeline.eventsExecuted();
        done = false;
        engine.submit(step, () -> {
            done = true;
            timeline.stop();
        });
        timeline.run();
        if (!done) {
            throw new IllegalStateException("decode step " + steps + " did not complete: no events left at "
                    + timeline.now() + " s");
        }
        steps++;
        events += timeline.eventsExecuted() - before;
        return timeline.now() - start;
    }

    /** Starts counting steps and events afresh (after warm-up). */
    public void resetCounts() {
        steps = 0;
        events = 0;
    }

    /** Timeline events per step since the last {@link #resetCounts()}. */
    public double eventsPerStep() {
        return steps == 0 ? 0 : (double) events / steps;
    }
}
