package org.fabricsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.fabricsim.cli.bench.BenchCsv;
import org.fabricsim.cli.bench.BenchReport;
import org.fabricsim.cli.bench.BenchRow;
import org.fabricsim.cli.bench.FlowChurn;
import org.fabricsim.cli.bench.HeapUsage;
import org.fabricsim.cli.bench.HoldRates;
import org.fabricsim.cli.bench.PeakHeapVsRequests;
import org.fabricsim.cli.bench.Rounds;
import org.fabricsim.cli.bench.ScaledScenarios;
import org.fabricsim.cli.bench.ScenarioVariant;
import org.fabricsim.cli.bench.SeedComparisonBench;
import org.fabricsim.cli.bench.UniformMeshLoad;
import org.fabricsim.cli.bench.WaferBench;
import org.fabricsim.fabric.noc.LoadSweep;
import org.fabricsim.results.RunAnalysis;
import org.fabricsim.workloads.gpu.GpuSystemConfig;
import org.fabricsim.workloads.serving.SystemConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fabricsim bench}: quick performance figures without JMH (plain timed loops, warm-up, median of
 * a few rounds), printed and written to bench.csv. The JMH benchmarks in the bench module are the
 * careful version of the same measurements; see docs/performance.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure simulator performance and write bench.csv: timeline events/s against a",
            "PriorityQueue baseline, flow-network rate updates/s, simulated tokens per",
            "wall-clock second, run time against the number of requests, peak heap (also",
            "against requests, in a child JVM under -Xmx1g), the",
            "cycle-level mesh in router-cycles/s, building a full WSE-3 system (time, heap),",
            "one Kimi K2.6 decode step on a WSE-3 pipeline, the seed comparison (whole and",
            "each system alone, with its simulated seconds per wall second; the wafer also at",
            "fidelity: flow), run time against wafers and GPUs. Progress goes to stderr.",
            "See docs/performance.md."})
final class BenchCommand implements Callable<Integer> {
    private static final int[] PENDING = {1_000, 100_000};
    private static final int FLOW_LINKS = 1_000;
    private static final int QUICK_SEED_REQUESTS = 128;
    /** Requests of the wafer's fidelity: flow run under --quick, where mesh contention costs most wall time. */
    private static final int QUICK_FLOW_REQUESTS = 32;
    private static final int[] WAFERS = {20, 30, 40};
    private static final int[] DATA_PARALLEL = {1, 2, 4, 8};
    /** Request counts of scenario_peak_heap_vs_requests; --quick skips the million (minutes, 9 GB of rows). */
    private static final int[] HEAP_REQUESTS = {10_000, 100_000, 1_000_000};
    private static final int[] HEAP_REQUESTS_QUICK = {10_000, 100_000};

    /** One runner for every timed run, so that a round times the simulation, not placing the model again. */
    private final ScenarioRunner runner = new ScenarioRunner();

    @Option(names = "--out", paramLabel = "FILE", description = "CSV file to write (default: bench.csv)")
    Path out = Path.of("bench.csv");

    @Option(names = "--quick", description = "fewer and shorter rounds and " + QUICK_SEED_REQUESTS
            + " seed-comparison requests per system (the full run takes about 5 min on a 2-core machine, 1 of them"
            + " the seed comparison at 1,000 requests per system)")
    boolean quick;

    @Option(names = "--scenario", paramLabel = "FILE",
            description = "scenario for the token-rate and request-scaling figures (default: scenarios/quickstart.yaml)")
    Path scenarioFile = Path.of("scenarios", "quickstart.yaml");

    @Option(names = "--seed-scenario", paramLabel = "FILE", description = "the seed comparison, for the WSE-3,"
            + " seed-comparison and wafer/GPU scaling figures (default: scenarios/kimi-k2.6-wafer-vs-gpu.yaml)")
    Path seedScenarioFile = Path.of("scenarios", "kimi-k2.6-wafer-vs-gpu.yaml");

    @Option(names = "--seed-requests", paramLabel = "N",
            description = "requests per system in the seed comparison (default: 1000; " + QUICK_SEED_REQUESTS
                    + " with --quick)")
    Integer seedRequests;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int requests = seedRequests != null ? seedRequests : quick ? QUICK_SEED_REQUESTS : 1_000;
        if (requests < 1) {
            throw new ScenarioException("--seed-requests: must be >= 1, got " + requests);
        }
        Scenario seed = ScenarioLoader.load(seedScenarioFile);
        BenchReport report = new BenchReport(spec.commandLine().getOut(), spec.commandLine().getErr());
        report.header();
        holdModel(report);
        flowNetwork(report);
        scenario(report);
        cycleLevelMesh(report);
        seedComparison(report, seed, requests);
        BenchCsv.write(out, report.rows());
        PrintWriter o = spec.commandLine().getOut();
        o.printf("wrote %d rows to %s%n", report.rows().size(), out);
        o.flush();
        return Main.EXIT_OK;
    }

    /** Timeline events/s against java.util.PriorityQueue and a primitive heap, measured round-robin in one JVM. */
    private void holdModel(BenchReport report) throws Exception {
        Rounds rounds = quick ? new Rounds(2, 3) : new Rounds(3, 5);
        long eventsPerRound = quick ? 300_000 : 1_000_000;
        List<HoldRates.Engine> engines = List.of(HoldRates.Engine.values());
        for (int pending : PENDING) {
            String p = "pending=" + pending;
            report.progress("hold model " + p + "...");
            HoldRates.Rate[] rates = HoldRates.eventsPerS(engines, pending, eventsPerRound, rounds);
            for (int k = 0; k < rates.length; k++) {
                report.add(new BenchRow("hold_" + engines.get(k).id(), p, rates[k].eventsPerWallS(), "events/s"));
                report.add(new BenchRow("hold_" + engines.get(k).id() + "_cpu", p, rates[k].eventsPerCpuS(),
                        "events/cpu_s"));
            }
            HoldRates.Rate timeline = rates[engines.indexOf(HoldRates.Engine.TIMELINE)];
            HoldRates.Rate queue = rates[engines.indexOf(HoldRates.Engine.PRIORITY_QUEUE)];
            report.add(new BenchRow("hold_priority_queue_over_timeline", p,
                    queue.eventsPerWallS() / timeline.eventsPerWallS(), "ratio"));
            report.add(new BenchRow("hold_priority_queue_over_timeline_cpu", p,
                    queue.eventsPerCpuS() / timeline.eventsPerCpuS(), "ratio"));
        }
    }

    /** Flow-network rate updates/s (a flow start or end, each recomputing rates) at constant concurrency. */
    private void flowNetwork(BenchReport report) throws Exception {
        Rounds rounds = quick ? new Rounds(1, 3) : new Rounds(2, 5);
        for (int flows : new int[] {1_000, 10_000}) {
            FlowChurn churn;
            try {
                churn = new FlowChurn(flows, FLOW_LINKS, 42);
            } catch (UnsupportedOperationException e) {
                report.notMeasured("flow_network_rate_updates: the flow network is not implemented in this build");
                return;
            }
            report.progress("flow network flows=" + flows + "...");
            int completions = quick ? 200 : 1_000;
            double[] sink = new double[1];
            double s = rounds.medianSeconds(() -> sink[0] += churn.run(completions));
            report.add(new BenchRow("flow_network_rate_updates", "flows=" + flows + " links=" + FLOW_LINKS,
                    2.0 * completions / s, "updates/s"));
        }
    }

    /** Simulated output tokens per wall-clock second, run time against request count, heap. */
    private void scenario(BenchReport report) throws Exception {
        Scenario base = ScenarioLoader.load(scenarioFile);
        String name = base.name();
        report.progress("scenario " + name + "...");
        HeapUsage heap = new HeapUsage();
        Rounds rounds = quick ? new Rounds(2, 1) : new Rounds(10, 5); // a run is 0.05 to 0.5 s: JIT needs several
        long[] tokens = new long[1];
        heap.resetPeak();
        Rounds.Times t = rounds.medianTimesInterleaved(List.of(() -> tokens[0] = outputTokens(base)))[0];
        report.add(new BenchRow("scenario_output_tokens_per_wall_s", name, tokens[0] / t.wallS(), "tokens/s"));
        report.add(new BenchRow("scenario_output_tokens_per_cpu_s", name, tokens[0] / t.cpuS(), "tokens/cpu_s"));
        report.add(new BenchRow("scenario_wall_time", name, t.wallS(), "s"));
        report.add(new BenchRow("scenario_peak_heap", name, heap.peakBytes(), "bytes"));
        List<RunAnalysis> kept = runner.run(base, base.seed(), new ScenarioRunner.Progress());
        report.add(new BenchRow("scenario_retained_heap", name, heap.retainedBytes(), "bytes"));
        if (kept.isEmpty()) {
            throw new IllegalStateException("scenario " + name + " produced no runs");
        }
        int[] counts = quick ? new int[] {100, 200, 400} : new int[] {100, 200, 400, 800};
        for (int n : counts) {
            Scenario scaled = ScaledScenarios.withRequests(base, n);
            report.progress("scenario " + name + " requests=" + n + "...");
            Rounds.Times times = rounds.medianTimesInterleaved(List.of(() -> outputTokens(scaled)))[0];
            report.add(new BenchRow("scenario_wall_time_vs_requests", name + " requests=" + n, times.wallS(), "s"));
            report.add(new BenchRow("scenario_cpu_time_vs_requests", name + " requests=" + n, times.cpuS(), "cpu_s"));
        }
        new PeakHeapVsRequests(report).measure(base, quick ? HEAP_REQUESTS_QUICK : HEAP_REQUESTS);
    }

    /** The cycle-level 16 x 16 mesh (wafer routers) under uniform traffic at 0.1 flits/node/cycle, in router-cycles/s. */
    private void cycleLevelMesh(BenchReport report) throws Exception {
        report.progress("cycle-level mesh " + UniformMeshLoad.PARAMETER + "...");
        Rounds rounds = quick ? new Rounds(1, 3) : new Rounds(2, 5);
        var experiment = UniformMeshLoad.spec(quick ? 10_000 : 30_000);
        long[] cycles = new long[1];
        Rounds.Times t = rounds.medianTimesInterleaved(List.of(() -> cycles[0] =
                LoadSweep.measure(experiment, UniformMeshLoad.LOAD, 1).cyclesSimulated()))[0];
        report.add(new BenchRow("mesh_router_cycles_per_s", UniformMeshLoad.PARAMETER, cycles[0] / t.wallS(), "cycles/s"));
        report.add(new BenchRow("mesh_router_cycles_per_cpu_s", UniformMeshLoad.PARAMETER, cycles[0] / t.cpuS(),
                "cycles/cpu_s"));
    }

    /**
     * The figures of the seed comparison's systems (issue 7): building its wafer system at full size and
     * one decode step on it, run time against wafers and GPUs, and the comparison itself (longest, last).
     */
    private void seedComparison(BenchReport report, Scenario seed, int requests) throws Exception {
        SystemConfig wafer = ScenarioVariant.firstSystemOfKind(seed, "wafer");
        SystemConfig gpu = ScenarioVariant.firstSystemOfKind(seed, GpuSystemConfig.KIND);
        SeedComparisonBench runs = new SeedComparisonBench(report, this::runShowingProgress);
        if (wafer == null) {
            report.notMeasured("wse3_build_*, wse3_kimi_k2_6_decode_step, run_time_vs_wafers: " + seedScenarioFile
                    + " has no system of kind wafer");
        } else {
            WaferBench waferBench = new WaferBench(report, quick);
            waferBench.build(seed, wafer);
            waferBench.decodeStep(wafer);
            runs.wafers(seed, wafer.name(), WAFERS, quick ? 2 : 8);
        }
        if (gpu == null) {
            report.notMeasured("run_time_vs_gpus: " + seedScenarioFile + " has no system of kind " + GpuSystemConfig.KIND);
        } else {
            runs.gpus(seed, gpu.name(), DATA_PARALLEL, quick ? 32 : 64);
        }
        runs.comparison(seed, requests);
        if (wafer != null) {
            runs.flowFidelity(seed, wafer.name(), quick ? QUICK_FLOW_REQUESTS : requests);
        }
    }

    private long outputTokens(Scenario s) throws ScenarioException {
        return runner.run(s, s.seed(), new ScenarioRunner.Progress()).stream().mapToLong(RunAnalysis::tokens).sum();
    }

    /**
     * Runs {@code s} as {@code fabricsim run} does, with a progress bar on stderr (the seed-comparison runs take
     * minutes), and returns its output tokens and the simulated seconds of its longest system span per replication.
     */
    private SeedComparisonBench.Simulated runShowingProgress(Scenario s) throws ScenarioException {
        ScenarioRunner.Progress progress = new ScenarioRunner.Progress();
        try (RequestsProgressBar bar = new RequestsProgressBar(spec.commandLine().getErr(), "  " + s.name(), () -> progress.completedRequests,
                () -> progress.totalRequests)) {
            // systems on as many threads as fabricsim run uses by default (all cores)
            List<RunAnalysis> runs = runner.run(s, s.seed(), progress, null, null,
                    Runtime.getRuntime().availableProcessors());
            // one analysis per (replication, system), in that order
            int systems = s.systems().size();
            double seconds = 0;
            for (int r = 0; r < runs.size(); r += systems) {
                seconds += runs.subList(r, r + systems).stream().mapToDouble(RunAnalysis::spanS).max().orElse(0);
            }
            return new SeedComparisonBench.Simulated(runs.stream().mapToLong(RunAnalysis::tokens).sum(), seconds);
        }
    }
}
