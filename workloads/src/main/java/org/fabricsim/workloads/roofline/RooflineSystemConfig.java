package org.fabricsim.workloads.roofline;

import java.util.ArrayList;
import java.util.List;
import org.fabricsim.core.random.RandomStreams;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.api.Hardware;
import org.fabricsim.fabric.api.Power;
import org.fabricsim.workloads.model.ModelRef;
import org.fabricsim.workloads.model.ModelSpec;
import org.fabricsim.workloads.serving.Bounds;
import org.fabricsim.workloads.serving.Deployment;
import org.fabricsim.workloads.serving.ServingPolicy;
import org.fabricsim.workloads.serving.SystemConfig;

/**
 * A single accelerator seen as a roofline: a step takes max(bytes / bandwidth, FLOPs / peak) plus a
 * fixed overhead. The simplest system kind ({@code kind: roofline}); it runs through the same
 * timeline, request sources, batching driver and results pipeline as the wafer and GPU kinds, and is
 * the yardstick they are never faster than at equal bandwidth and peak.
 *
 * <p>Defaults describe one H100 SXM (hardware.md: 3.35 TB/s HBM3, 989.4 TFLOP/s dense BF16, 80 GB, 700 W busy).
 */
public record RooflineSystemConfig(String name, ModelRef model, ServingPolicy serving, Double peakFlopsPerS,
        Double memoryBandwidthBytesPerS, Long memoryBytes, Double stepOverheadS, Integer replicas, Double busyWatts,
        Double idleWatts, Double usdPerHour) implements SystemConfig {

    public RooflineSystemConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: required");
        }
        if (model == null) {
            throw new IllegalArgumentException("model: required");
        }
        serving = serving == null ? ServingPolicy.DEFAULT : serving;
        peakFlopsPerS = Bounds.within("peak_flops_per_s", peakFlopsPerS, 989.4e12, 1e9, Bounds.MAX_FLOPS_PER_S, "FLOP/s");
        memoryBandwidthBytesPerS = Bounds.within("memory_bandwidth_bytes_per_s", memoryBandwidthBytesPerS, 3.35e12, 1e6,
                Bounds.MAX_BANDWIDTH_BYTES_PER_S, "bytes/s");
        memoryBytes = Bounds.within("memory_bytes", memoryBytes, 80_000_000_000L, 1, Bounds.MAX_MEMORY_BYTES, "bytes");
        stepOverheadS = Bounds.within("step_overhead_s", stepOverheadS, 0, 0, Bounds.MAX_LATENCY_S, "s");
        replicas = replicas == null ? 1 : replicas;
        if (replicas < 1 || replicas > MAX_REPLICAS) {
            throw new IllegalArgumentException("replicas: must be in 1.." + MAX_REPLICAS + ", got " + replicas);
        }
        // the defaults' H100 SXM: 700 W busy, its idle draw an estimate (hardware.yaml)
        Power h100 = Hardware.builtIn().gpuPower("h100");
        busyWatts = busyWatts == null ? h100.busyWatts() : busyWatts;
        idleWatts = idleWatts == null ? Math.min(h100.idleWatts(), busyWatts) : idleWatts;
        // and its rental price per accelerator-hour (hardware.yaml)
        usdPerHour = usdPerHour == null ? Hardware.builtIn().usdPerHour("gpus", "h100") : usdPerHour;
        if (!(usdPerHour >= 1e-3 && usdPerHour <= 1e5)) {
            throw new IllegalArgumentException("usd_per_hour: must be in 0.001..100,000 US dollars an hour, got "
                    + usdPerHour);
        }
        if (!(busyWatts >= 0 && busyWatts <= 1e6)) {
            throw new IllegalArgumentException("busy_watts: must be in 0..1 MW, got " + busyWatts);
        }
        if (!(idleWatts >= 0 && idleWatts <= busyWatts)) {
            throw new IllegalArgumentException("idle_watts: must be in 0..busy_watts (" + busyWatts + " W), got " + idleWatts);
        }
    }

    /** Most replicas of one roofline system (as many as a GPU system may have GPUs). */
    public static final int MAX_REPLICAS = 131_072;

    /** KV-cache capacity in tokens: memory left after the weights (and the draft's), over KV bytes per token. */
    public long kvCapacityTokens(ModelSpec target, ModelSpec draft) {
        long weights = target.weightBytes() + (draft == null ? 0 : draft.weightBytes());
        long free = memoryBytes - weights;
        if (free <= 0) {
            throw new IllegalArgumentException(String.format(
                    "%s: %s needs %.1f GB of weights%s but memory_bytes is %.1f GB (short by %.1f GB)", name,
                    target.name(), weights / 1e9, draft == null ? "" : " with its draft", memoryBytes / 1e9,
                    -free / 1e9));
        }
        return free / target.kvBytesPerToken();
    }

    @Override
    public RooflineSystemConfig withServing(ServingPolicy serving) {
        return new RooflineSystemConfig(name, model, serving, peakFlopsPerS, memoryBandwidthBytesPerS, memoryBytes,
                stepOverheadS, replicas, busyWatts, idleWatts, usdPerHour);
    }

    @Override
    public RooflineSystemConfig withModel(ModelRef model) {
        return new RooflineSystemConfig(name, model, serving, peakFlopsPerS, memoryBandwidthBytesPerS, memoryBytes,
                stepOverheadS, replicas, busyWatts, idleWatts, usdPerHour);
    }

    @Override
    public int chips(ModelSpec target, ModelSpec draft) {
        return replicas;
    }

    @Override
    public Double usdPerHour(ModelSpec target, ModelSpec draft) {
        return usdPerHour * replicas;
    }

    @Override
    public Deployment deploy(ModelSpec target, ModelSpec draft, Timeline timeline, RandomStreams random) {
        long kv = kvCapacityTokens(target, draft);
        List<org.fabricsim.workloads.serving.StepEngine> engines = new ArrayList<>();
        List<RooflineEngine> accelerators = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            RooflineEngine e = new RooflineEngine(this, target, draft, kv, timeline);
            accelerators.add(e);
            engines.add(e);
        }
        // one accelerator per replica, busy while it runs a step
        return Deployment.of(engines, null, () -> List.of(new org.fabricsim.workloads.serving.PowerDraw("accelerator",
                replicas, busyWatts, idleWatts, accelerators.stream().mapToDouble(RooflineEngine::busySeconds).sum())));
    }

    @Override
    public List<String> describe(ModelSpec target, ModelSpec draft) {
        long kv = kvCapacityTokens(target, draft);
        List<String> lines = new ArrayList<>();
        lines.add(String.format("roofline server x %d: peak %.1f TFLOP/s, memory bandwidth %.2f TB/s, memory %.1f GB, "
                + "step overhead %.1f us", replicas, peakFlopsPerS / 1e12, memoryBandwidthBytesPerS / 1e12,
                memoryBytes / 1e9, stepOverheadS * 1e6));
        lines.add(String.format("weights %.2f GB%s; KV cache %d tokens (%.1f KB/token)", target.weightBytes() / 1e9,
                draft == null ? "" : String.format(" + draft %.2f GB", draft.weightBytes() / 1e9), kv,
                target.kvBytesPerToken() / 1e3));
        double t1 = Math.max(target.activeWeightBytes() / memoryBandwidthBytesPerS,
                2.0 * target.activeParams() / peakFlopsPerS) + stepOverheadS;
        lines.add(String.format("batch-1 decode step >= %.3f ms (%.0f tok/s per user at best)", t1 * 1e3, 1 / t1));
        return lines;
    }
}
