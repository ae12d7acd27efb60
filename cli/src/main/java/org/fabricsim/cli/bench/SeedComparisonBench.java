package org.fabricsim.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.fabricsim.cli.Scenario;
import org.fabricsim.cli.ScenarioException;
import org.fabricsim.workloads.gpu.GpuSystemConfig;
import org.fabricsim.workloads.serving.SystemConfig;

/**
 * Run time of the seed comparison (a wafer system and GPU systems serving the same requests) and of its
 * systems scaled up: the whole scenario as {@code fabricsim run} runs it, each system alone (which system
 * costs what), the wafer system against its wafer count and a GPU system against its replica count. Each
 * run is long, so each is timed once.
 */
public record SeedComparisonBench(BenchReport report, Runner runner) {
    /** Runs a scenario in-process (ScenarioRunner) and returns what it simulated. */
    @FunctionalInterface
    public interface Runner {
        Simulated run(Scenario s) throws Exception;
    }

    /**
     * What a run simulated: its output tokens, and the simulated seconds it covered (the longest system's span, first
     * arrival to last token, summed over replications).
     */
    public record Simulated(long outputTokens, double seconds) {
    }

    private static final Rounds ONCE = new Rounds(0, 1);

    /**
     * The seed scenario with {@code requests} requests: all systems on one timeline, then each system alone with the
     * simulated seconds it covers per wall second (how much faster than the hardware it simulates it runs).
     */
    public void comparison(Scenario seed, int requests) throws Exception {
        once(ScaledScenarios.withRequests(seed, requests), "requests=" + requests);
        for (SystemConfig c : seed.systems()) {
            once(ScaledScenarios.systemAlone(seed, c.name(), requests), c.name() + " requests=" + requests);
        }
    }

    /**
     * The wafer system {@code system} of {@code seed} alone at {@code fidelity: flow}: mesh transfers as max-min
     * flows, the simulated seconds per wall second an architect pays for mesh contention.
     */
    public void flowFidelity(Scenario seed, String system, int requests) throws Exception {
        once(ScaledScenarios.withFidelity(seed, system, "flow", requests),
                system + " requests=" + requests + " fidelity=flow");
    }

    private void once(Scenario s, String parameter) throws Exception {
        report.progress("seed comparison " + s.name() + " " + parameter + " (" + s.systems().size()
                + " system(s), one run)...");
        Simulated[] run = new Simulated[1];
        Rounds.Times t = ONCE.medianTimesInterleaved(List.of(() -> run[0] = runner.run(s)))[0];
        report.add(new BenchRow("seed_comparison_wall_time", parameter, t.wallS(), "s"));
        report.add(new BenchRow("seed_comparison_cpu_time", parameter, t.cpuS(), "cpu_s"));
        report.add(new BenchRow("seed_comparison_output_tokens_per_wall_s", parameter, run[0].outputTokens() / t.wallS(),
                "tokens/s"));
        if (s.systems().size() == 1) {
            report.add(new BenchRow("simulated_seconds_per_wall_second", parameter, run[0].seconds() / t.wallS(),
                    "ratio"));
        }
    }

    /**
     * The wafer system {@code system} of {@code seed} alone with each wafer count, serving {@code requests}
     * requests from one user (a short workload: the pipeline, not the queue, is what grows).
     */
    public void wafers(Scenario seed, String system, int[] wafers, int requests) throws Exception {
        series(wafers, w -> ScaledScenarios.withWafers(seed, system, w, requests),
                (w, s) -> system + " wafers=" + w + " requests=" + requests, "run_time_vs_wafers", "run_cpu_time_vs_wafers");
    }

    /**
     * The GPU system {@code system} of {@code seed} alone with each data-parallel degree (replicas behind
     * one queue, so GPUs grow with it), serving {@code requests} requests from the seed's users.
     */
    public void gpus(Scenario seed, String system, int[] dataParallel, int requests) throws Exception {
        series(dataParallel, dp -> ScaledScenarios.withDataParallel(seed, system, dp, requests),
                (dp, s) -> system + " gpus=" + gpus(s.systems().get(0)) + " dp=" + dp + " requests=" + requests,
                "run_time_vs_gpus", "run_cpu_time_vs_gpus");
    }

    private static int gpus(SystemConfig c) {
        return c instanceof GpuSystemConfig g ? g.clusterShape().gpus() : 0;
    }

    /** One scenario of a scaling series, at one value of what grows. */
    private interface Point {
        Scenario at(int value) throws ScenarioException;
    }

    /** Times each point once; the first point runs once untimed before, so that JIT compilation is not charged to it. */
    private void series(int[] values, Point point, BiFunction<Integer, Scenario, String> parameter, String wallRow,
            String cpuRow) throws Exception {
        List<Scenario> points = new ArrayList<>();
        for (int v : values) {
            points.add(point.at(v));
        }
        report.progress(wallRow + ": warm-up run of " + parameter.apply(values[0], points.get(0)) + "...");
        runner.run(points.get(0));
        for (int i = 0; i < values.length; i++) {
            Scenario s = points.get(i);
            String p = parameter.apply(values[i], s);
            report.progress(wallRow + " " + p + "...");
            Rounds.Times t = ONCE.medianTimesInterleaved(List.of(() -> runner.run(s)))[0];
            report.add(new BenchRow(wallRow, p, t.wallS(), "s"));
            report.add(new BenchRow(cpuRow, p, t.cpuS(), "cpu_s"));
        }
    }
}
