package org.fabricsim.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.fabricsim.cli.sweep.ReplicationsCsv;
import org.fabricsim.core.random.RandomStreams;
import org.fabricsim.core.timeline.SimulationFailure;
import org.fabricsim.results.CsvFiles;
import org.fabricsim.results.Metric;
import org.fabricsim.results.OutputDirectory;
import org.fabricsim.results.OutputLock;
import org.fabricsim.results.RunAnalysis;
import org.fabricsim.results.StreamingOutput;
import org.fabricsim.results.Summary;
import org.fabricsim.results.SummaryJson;
import org.fabricsim.results.UtilizationCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fabricsim run}: simulates a scenario and writes its output directory whole or not at all. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a scenario and write tokens.csv, requests.csv, summary.csv, summary.json,",
            "scenario.resolved.yaml, utilization.csv and replications.csv (and trace.json on request) into its",
            "output directory",
            "(default out/<scenario name>/)."})
final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCENARIO", description = "scenario file (YAML, or JSON by extension)")
    Path scenarioFile;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: out/<scenario name>)")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "seed overriding the scenario's")
    Long seed;

    @Option(names = "--trace-requests", paramLabel = "IDS", split = ",",
            description = "write trace.json (Chrome/Perfetto) of these request ids in replication 0, e.g. 0,5,9")
    List<Long> traceRequests;

    @Option(names = "--jobs", paramLabel = "N",
            description = "systems simulated at once, each on its own thread (default: all cores); results do not depend on it")
    Integer jobs;

    @picocli.CommandLine.Mixin
    QuietOption output;

    @picocli.CommandLine.Mixin
    TracesOption traces = new TracesOption();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int threads = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (threads < 1) {
            throw new ScenarioException("--jobs: must be >= 1, got " + threads);
        }
        Scenario s = ScenarioLoader.load(scenarioFile, traces.dir());
        if (seed != null) {
            s = new Scenario(s.name(), s.description(), seed, s.replications(), s.stopTimeS(), s.slo(), s.prices(), s.workload(), s.systems());
        }
        long runSeed = s.seed();
        ScenarioRunner runner = new ScenarioRunner();
        try {
            runner.checkDeployments(s, runSeed);
        } catch (ScenarioException e) {
            throw SourceLocations.refusal(scenarioFile, e);
        }
        Path dir = out != null ? out : Path.of("out", s.name());
        try {
            OutputDirectory.checkReplaceable(dir);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw OutputFailure.unusable(dir, e.getCause());
        }
        // one writer per --out, from before simulating until the directory is in place
        try (OutputLock lock = lockOut(dir)) {
            return simulateAndWrite(runner, s, runSeed, threads, dir);
        }
    }

    /**
     * Takes the lock of {@code dir} (refusing a second run on it with exit 2) and clears what a killed run left
     * beside it; a directory where the lock file cannot be made (read-only, /proc) is refused before simulating.
     */
    static OutputLock lockOut(Path dir) throws ScenarioException {
        OutputLock lock;
        try {
            lock = OutputLock.acquire(dir);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(e.getMessage());
        } catch (java.io.IOException e) {
            throw OutputFailure.unusable(dir, e);
        }
        try {
            OutputDirectory.recover(dir);
        } catch (java.io.IOException e) {
            try {
                lock.close();
            } catch (java.io.IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw OutputFailure.unusable(dir, e);
        }
        return lock;
    }

    private int simulateAndWrite(ScenarioRunner runner, Scenario s, long runSeed, int threads, Path dir) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        int firstRequests = warnOfWorkload(s, runSeed, err);
        ScenarioRunner.Progress progress = new ScenarioRunner.Progress();
        List<UtilizationCsv.Row> utilization = new java.util.ArrayList<>();
        TraceRecorder trace;
        try {
            trace = traceRequests == null ? null : TraceRecorder.of(traceRequests,
                    firstRequests); // a trace replay has no requests key: count the rows replayed
        } catch (ScenarioException e) {
            throw new ScenarioException(scenarioFile + ": " + e.getMessage(), e);
        }
        Summary summary = new Summary(SloConfig.of(s));
        final Scenario resolved = s;
        String yaml = ScenarioLoader.resolvedYaml(resolved, scenarioFile.toAbsolutePath().getParent());
        try {
            // simulated inside the partial directory: rows stream into it as requests complete
            OutputDirectory.write(dir, d -> {
                StreamingOutput streaming = new StreamingOutput(d);
                List<RunAnalysis> runs = simulate(runner, resolved, runSeed, progress, utilization, trace, threads,
                        streaming);
                runs.forEach(summary::add);
                CsvFiles.writeSummary(d.resolve("summary.csv"), summary);
                SummaryJson.write(d.resolve("summary.json"), resolved.name(), runSeed, resolved.replications(), summary,
                        PriceConfig.inputs(resolved, runner.placements()));
                Files.writeString(d.resolve("scenario.resolved.yaml"), yaml, StandardCharsets.UTF_8);
                UtilizationCsv.write(d.resolve("utilization.csv"), utilization);
                ReplicationsCsv.write(d.resolve("replications.csv"), runs, SloConfig.of(resolved));
                streaming.finish(runs.size());
                if (trace != null) {
                    trace.write(d.resolve("trace.json"));
                }
            });
        } catch (Failed e) {
            if (e.getCause() instanceof ScenarioException se) {
                throw new ScenarioException(scenarioFile + ": " + se.getMessage(), se);
            }
            err.println("error: " + s.name() + ": " + e.getCause().getMessage());
            return Main.EXIT_INTERNAL;
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            // a full disk or a fault mid-write: the partial directory is gone and an earlier run directory stays
            throw new OutputFailure("--out " + dir, e);
        }
        if (!output.quiet) {
            PrintWriter o = spec.commandLine().getOut();
            o.printf("%s: %d system(s), %d replication(s) -> %s%n", s.name(), s.systems().size(), s.replications(), dir);
            // the emission gap leads: under speculative decoding the ITL p50 is 0 (tokens emitted together)
            Table table = new Table(Table.Col.left("system", 24), Table.Col.right("gap p50 ms", 12),
                    Table.Col.right("ttft p50 ms", 12), Table.Col.right("itl p50 ms", 12),
                    Table.Col.right("tok/s/user p50", 14), Table.Col.right("throughput tok/s", 14));
            for (String system : summary.systems()) {
                table.row(system, Table.fixed(3, summary.distribution(system, Metric.EMISSION_GAP_S).stat("p50") * 1e3),
                        Table.fixed(2, summary.distribution(system, Metric.TTFT_S).stat("p50") * 1e3),
                        Table.fixed(3, summary.distribution(system, Metric.ITL_S).stat("p50") * 1e3),
                        Table.fixed(1, summary.distribution(system, Metric.OUTPUT_TOKENS_PER_S).stat("p50")),
                        Table.fixed(1, summary.distribution(system, Metric.THROUGHPUT_TOKENS_PER_S).stat("mean")));
            }
            o.print(table.render());
            o.flush();
        }
        return Main.EXIT_OK;
    }

    /**
     * Prints what reading the workload of replication 0 changed (even with --quiet: it changes what was
     * simulated) and returns its request count; the requests themselves are not kept through the run.
     */
    private static int warnOfWorkload(Scenario s, long runSeed, PrintWriter err) throws ScenarioException {
        var firstReplication = ScenarioRunner.workload(s, RandomStreams.derive(runSeed, "replication-0"));
        String note = firstReplication.note();
        if (note != null) {
            err.println("warning: workload: " + note);
        }
        return firstReplication.requests().size();
    }

    /** A scenario refused or a simulation failed inside the output directory's writing, carried out of it. */
    private static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failed(Exception cause) {
            super(cause);
        }
    }

    private List<RunAnalysis> simulate(ScenarioRunner runner, Scenario s, long runSeed, ScenarioRunner.Progress progress,
            List<UtilizationCsv.Row> utilization, TraceRecorder trace, int threads, StreamingOutput streaming) {
        PrintWriter err = spec.commandLine().getErr();
        try (RequestsProgressBar bar = output.quiet ? null : new RequestsProgressBar(err, "simulating",
                () -> progress.completedRequests, () -> progress.totalRequests)) {
            return runner.run(s, runSeed, progress, utilization, trace, threads, streaming);
        } catch (ScenarioException | SimulationFailure | IllegalStateException e) {
            throw new Failed(e);
        }
    }
}
