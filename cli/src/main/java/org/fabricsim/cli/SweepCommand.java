package org.fabricsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import org.fabricsim.cli.sweep.SweepCsv;
import org.fabricsim.cli.sweep.SweepEngine;
import org.fabricsim.cli.sweep.SweepPlan;
import org.fabricsim.cli.sweep.SweepPoint;
import org.fabricsim.results.OutputDirectory;
import org.fabricsim.results.OutputLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fabricsim sweep}: runs a grid of scenario variants with replications and gathers sweep.csv. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a sweep file (a base scenario and axes over its keys): each point into DIR/points/pNNNN/",
            "(the files of 'run' plus replications.csv and point.json), then DIR/sweep.csv with the mean and 95%%",
            "confidence half-width over replications. Running it again skips the points already complete."})
final class SweepCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SWEEP", description = "sweep file (YAML, or JSON by extension)")
    Path sweepFile;

    @picocli.CommandLine.Mixin
    PointRunOptions points = new PointRunOptions();

    @picocli.CommandLine.Mixin
    QuietOption output;

    @picocli.CommandLine.Mixin
    TracesOption traces = new TracesOption();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        int n = points.jobs();
        SweepEngine e = engine(points.engine, output.quiet);
        SweepPlan plan = SweepLoader.load(sweepFile, traces.dir());
        Path dir = points.dir(plan.name());
        checkSweepDir(dir);
        // a point that cannot be deployed is refused before the directory exists, as run refuses before its own
        SweepLoader.checkDeployments(sweepFile.toString(), plan, plan.points(), new ScenarioRunner());
        // one writer per --out, from before simulating until sweep.csv is in place
        try (OutputLock lock = RunCommand.lockOut(dir)) {
            prepare(dir);
            return runPoints(plan, e, dir, n, output.quiet, spec.commandLine().getOut(), err, "sweep " + sweepFile,
                    sweepFile.toString(), dir);
        }
    }

    /**
     * Runs the plan's pending points into {@code dir} and gathers sweep.csv (the directory checked, locked, prepared,
     * and every point's deployment checked).
     * {@code command} is what the user ran (e.g. {@code sweep FILE}) with {@code --out resumeOut}: an interrupted run
     * says to run it again.
     */
    static int runPoints(SweepPlan plan, SweepEngine e, Path dir, int n, boolean quiet, PrintWriter out, PrintWriter err,
            String command, String display, Path resumeOut) throws Exception {
        // Ctrl-C or a kill: finished points stay, so say how to pick up from them
        Thread hint = new Thread(() -> {
            String done;
            try {
                done = (plan.points().size() - plan.pending(dir).size()) + " of " + plan.points().size();
            } catch (IOException | RuntimeException x) {
                done = "some";
            }
            System.err.printf("%nfabricsim: %s interrupted with %s point(s) complete in %s; run the same command"
                    + " again to resume (complete points are skipped): fabricsim %s --out %s%n", command.split(" ")[0],
                    done, dir, command, resumeOut);
            System.err.flush();
        }, "sweep-interrupt-hint");
        Runtime.getRuntime().addShutdownHook(hint);
        try {
            return runPending(plan, e, dir, n, quiet, out, err, display);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hint);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the hint runs
            }
        }
    }

    private static int runPending(SweepPlan plan, SweepEngine e, Path dir, int n, boolean quiet, PrintWriter out,
            PrintWriter err, String display) throws Exception {
        List<SweepPoint> pending;
        try {
            pending = plan.pending(dir);
        } catch (IOException | UncheckedIOException x) {
            throw OutputFailure.unusable(dir, x instanceof UncheckedIOException u ? u.getCause() : (IOException) x);
        }
        if (!quiet) {
            err.printf("%s: %d point(s), %d to run, %d already complete, engine %s%n", plan.name(), plan.points().size(),
                    pending.size(), plan.points().size() - pending.size(), e.name());
            err.flush();
        }
        try {
            if (!pending.isEmpty()) {
                e.run(plan, pending, dir, n, err);
            }
            SweepCsv.write(dir, plan);
        } catch (IOException | UncheckedIOException x) {
            // a full disk or a fault mid-write: finished points keep their directories, the failing one leaves nothing
            throw new OutputFailure("--out " + dir, x);
        } catch (IllegalArgumentException x) {
            if (x.getMessage() != null && x.getMessage().startsWith("--out: ")) {
                throw new ScenarioException(x.getMessage(), x); // something of the user's where a point directory goes
            }
            throw x;
        } catch (ScenarioException x) {
            // a point that cannot complete (stop_time_s): the point names itself, the file is the sweep's
            throw new ScenarioException(display + ": " + x.getMessage(), x);
        }
        if (!quiet) {
            out.printf("%s: %d point(s) -> %s%n", plan.name(), plan.points().size(), dir.resolve("sweep.csv"));
            out.flush();
        }
        return Main.EXIT_OK;
    }

    /**
     * Refuses, before any simulation, a sweep directory fabricsim may not write into: the filesystem root, an
     * existing file, or a non-empty directory that is neither fabricsim's (no {@link OutputDirectory#MARKER}) nor a
     * sweep directory written before the marker existed (one with a {@code points/} folder).
     */
    static void checkSweepDir(Path dir) throws ScenarioException {
        Path abs = dir.toAbsolutePath().normalize();
        if (abs.getParent() == null) {
            throw new ScenarioException("--out: " + abs + " is the filesystem root; name a directory of its own");
        }
        if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isSymbolicLink(abs)) {
            throw new ScenarioException("--out: " + abs + " is a symbolic link; a sweep writes only directories of its"
                    + " own, so name the directory itself; nothing was changed");
        }
        if (!Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
            throw new ScenarioException("--out: " + abs + " exists and is not a directory; a sweep writes a directory"
                    + " (points/ and sweep.csv), nothing was changed");
        }
        if (Files.exists(abs.resolve(OutputDirectory.MARKER)) || Files.isDirectory(abs.resolve("points"))) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(abs)) {
            if (entries.iterator().hasNext()) {
                throw new ScenarioException("--out: " + abs + " exists, is not empty and was not written by fabricsim (no "
                        + OutputDirectory.MARKER + " in it); choose another directory, nothing was changed");
            }
        } catch (IOException x) {
            throw OutputFailure.unusable(abs, x);
        }
    }

    /**
     * Makes the sweep directory fabricsim's (its marker lists sweep.csv; each point directory has its own) and removes
     * the partial CSV files (sweep.csv, a search's pareto.csv and candidates.csv) of a killed sweep or search.
     */
    static void prepare(Path dir) throws ScenarioException {
        try {
            Files.createDirectories(dir);
            Path marker = dir.resolve(OutputDirectory.MARKER);
            if (!Files.exists(marker)) {
                Files.writeString(marker, "sweep.csv\n");
            }
            try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, ".*.csv.partial-*")) {
                for (Path p : leftovers) {
                    String name = p.getFileName().toString();
                    String pid = name.substring(name.lastIndexOf(".partial-") + ".partial-".length());
                    if (pid.matches("\\d{1,19}") && !ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive)
                            .orElse(false)) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (IOException x) {
            throw OutputFailure.unusable(dir, x);
        }
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
