package org.fabricsim.cli.bench;

import java.util.List;
import org.fabricsim.cli.Scenario;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.workloads.serving.Deployment;
import org.fabricsim.workloads.serving.SystemConfig;

/**
 * What a full-size wafer system costs the simulator before and while it runs: deploying it (building
 * every wafer's cores and placing the model: wall time and heap) and one batch-1 decode step on it.
 */
public record WaferBench(BenchReport report, boolean quick) {
    /** The dense model that fits one WSE-3, deployed next to the seed's MoE model. */
    public static final String SMALL_MODEL = "llama-3.1-8b";
    private static final long SEED = 1;

    /** Deploys the wafer system as the seed scenario has it, then with the small model on as few wafers as fit. */
    public void build(Scenario seed, SystemConfig wafer) throws Exception {
        build(wafer);
        build(ScaledScenarios.withModel(seed, wafer.name(), SMALL_MODEL).systems().get(0));
    }

    private void build(SystemConfig c) throws Exception {
        String parameter = c.model() + " " + c.name();
        report.progress("deploying " + parameter + "...");
        HeapUsage heap = new HeapUsage();
        if (!quick) {
            SystemDeployer.deploy(c, new Timeline("warm-up"), SEED); // JIT and class loading are not the figure
        }
        long before = heap.retainedBytes();
        heap.resetPeak();
        Deployment[] kept = new Deployment[1];
        Rounds.Times t = new Rounds(0, quick ? 1 : 3).medianTimesInterleaved(List.of(() -> {
            kept[0] = null; // the previous round's deployment is garbage, not part of this one's heap
            kept[0] = SystemDeployer.deploy(c, new Timeline("build"), SEED);
        }))[0];
        long peak = heap.peakBytes();
        long retained = heap.retainedBytes() - before;
        if (kept[0].replicas().isEmpty()) { // keeps the deployment reachable until it has been weighed
            throw new IllegalStateException(parameter + ": deployed no engine");
        }
        report.add(new BenchRow("wse3_build_wall_time", parameter, t.wallS(), "s"));
        report.add(new BenchRow("wse3_build_cpu_time", parameter, t.cpuS(), "cpu_s"));
        report.add(new BenchRow("wse3_build_peak_heap", parameter, peak, "bytes"));
        report.add(new BenchRow("wse3_build_retained_heap", parameter, Math.max(0, retained), "bytes"));
    }

    /**
     * One batch-1 decode step of the wafer system {@code c} (Kimi K2.6 in the seed comparison), timed after
     * warm-up steps that fill its route caches and let the JIT compile.
     */
    public void decodeStep(SystemConfig c) throws Exception {
        String parameter = c.model() + " batch=1 context=" + DecodeStepProbe.SEED_CONTEXT_TOKENS;
        int warmups = quick ? 100 : 300;
        int measured = quick ? 20 : 50;
        report.progress("decode step of " + c.name() + " " + parameter + ": deploying, " + warmups + " warm-up and "
                + measured + " measured steps...");
        DecodeStepProbe probe = new DecodeStepProbe(c, DecodeStepProbe.SEED_CONTEXT_TOKENS, SEED);
        for (int i = 0; i < warmups; i++) {
            probe.step();
        }
        probe.resetCounts();
        Rounds.Times t = new Rounds(0, measured).medianTimesInterleaved(List.of(probe::step))[0];
        report.add(new BenchRow("wse3_kimi_k2_6_decode_step", parameter, t.wallS(), "s"));
        report.add(new BenchRow("wse3_kimi_k2_6_decode_step_cpu", parameter, t.cpuS(), "cpu_s"));
        report.add(new BenchRow("wse3_kimi_k2_6_decode_step_events", parameter, probe.eventsPerStep(), "events"));
    }
}
