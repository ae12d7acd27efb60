package org.fabricsim.fabric.api;

import java.util.Map;

/**
 * A GPU serving software stack (TensorRT-LLM, SGLang, vLLM of a stated date): how close its kernels come to the
 * GPU's achievable rates, the host time it spends between steps that the GPU does not overlap, and whether it
 * replays decode steps as CUDA graphs. The values are named sets of the calibration catalog ({@link
 * Hardware#GPU_STACK}); docs/calibration.md says which two points of which curve each was fitted on.
 *
 * @param kernelEfficiency fraction of the calibration's achievable HBM and tensor-core rates the stack's kernels
 *                         reach, in (0, 1]; the collectives (NCCL, DeepEP) are the same library in every stack
 * @param stepOverheadS    host time per engine step the GPU waits for: scheduling, sampling, detokenisation and
 *                         the framework's Python, the part its overlap scheduler does not hide, seconds
 * @param cudaGraphs       decode steps replayed as CUDA graphs (a scenario's {@code cuda_graphs} overrides it)
 */
public record GpuStack(double kernelEfficiency, double stepOverheadS, boolean cudaGraphs) {
    public GpuStack {
        if (!(kernelEfficiency > 0 && kernelEfficiency <= 1)) {
            throw new IllegalArgumentException("kernel_efficiency: must be in (0, 1], got " + kernelEfficiency);
        }
        // a step of a real stack takes well under a second of host time; more is a unit slip (ms for s)
        if (!(stepOverheadS >= 0 && stepOverheadS <= 1)) {
            throw new IllegalArgumentException("step_overhead_s: must be in [0, 1] seconds, got " + stepOverheadS);
        }
    }

    /** The stack of a set's values (calibration.yaml's field names, booleans as 0 and 1). */
    public static GpuStack of(Map<String, Double> v) {
        double graphs = v.get("cuda_graphs");
        if (graphs != 0 && graphs != 1) {
            throw new IllegalArgumentException("cuda_graphs: must be true or false, got " + graphs);
        }
        return new GpuStack(v.get("kernel_efficiency"), v.get("step_overhead_s"), graphs == 1);
    }

    /** This stack with CUDA graphs on or off. */
    public GpuStack withCudaGraphs(boolean on) {
        return new GpuStack(kernelEfficiency, stepOverheadS, on);
    }
}
