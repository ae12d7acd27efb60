package org.fabricsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import org.fabricsim.cli.sweep.SweepCsv;
import org.fabricsim.cli.sweep.SweepEngine;
import org.fabricsim.cli.sweep.SweepPlan;
import org.fabricsim.cli.sweep.SweepPoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fabricsim sweep}: runs a grid of scenario variants with replications and gathers sweep.csv. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a sweep file (a base scenario and axes over its keys): each point into DIR/points/pNNNN/",
            "(the files of 'run' plus replications.csv and point.json), then DIR/sweep.csv with the mean and 95%%",
            "confidence half-width over replications. Running it again skips the points already complete."})
final class SweepCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SWEEP", description = "sweep file (YAML, or JSON by extension)")
    Path sweepFile;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: out/<sweep name>)")
    Path out;

    @Option(names = "--jobs", paramLabel = "N", description = "points run at once (default: all cores)")
    Integer jobs;

    @Option(names = "--engine", paramLabel = "NAME", defaultValue = "local",
            description = "local (threads on this machine) or spark (needs the spark module's jar under spark-submit)")
    String engine;

    @picocli.CommandLine.Mixin
    QuietOption output;

    @picocli.CommandLine.Mixin
    TracesOption traces = new TracesOption();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        int n = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (n < 1) {
            throw new ScenarioException("--jobs: must be >= 1, got " + n);
        }
        SweepEngine e = engine(engine, output.quiet);
        SweepPlan plan = SweepLoader.load(sweepFile, traces.dir());
        Path dir = out != null ? out : Path.of("out", plan.name());
        List<SweepPoint> pending = plan.pending(dir);
        if (!output.quiet) {
            err.printf("%s: %d point(s), %d to run, %d already complete, engine %s%n", plan.name(), plan.points().size(),
                    pending.size(), plan.points().size() - pending.size(), e.name());
            err.flush();
        }
        if (!pending.isEmpty()) {
            e.run(plan, pending, dir, n, err);
        }
        SweepCsv.write(dir, plan);
        if (!output.quiet) {
            spec.commandLine().getOut().printf("%s: %d point(s) -> %s%n", plan.name(), plan.points().size(),
                    dir.resolve("sweep.csv"));
            spec.commandLine().getOut().flush();
        }
        return Main.EXIT_OK;
    }

    /** The engine of that name: "local", or one found on the class path (e.g. "spark"). */
    static SweepEngine engine(String name, boolean quiet) throws ScenarioException {
        if (name.equals("local")) {
            return new SweepLocalEngine(quiet);
        }
        List<String> known = new ArrayList<>(List.of("local"));
        for (SweepEngine e : ServiceLoader.load(SweepEngine.class)) {
            if (e.name().equals(name)) {
                return e;
            }
            known.add(e.name());
        }
        String hint = name.equals("spark")
                ? "; the spark engine is in spark/target/fabricsim-spark.jar, run it with spark-submit (docs/architect-guide.md)"
                : "";
        throw new ScenarioException("--engine: unknown engine '" + name + "'; available: " + String.join(", ", known) + hint);
    }
}
