package org.fabricsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fabricsim.cli.sweep.SweepEngine;
import org.fabricsim.cli.sweep.SweepPlan;
import org.fabricsim.results.OutputLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code fabricsim search}: a sweep over deployment knobs scored by an objective, reduced to the deployments no other
 * beats on both the objective and tokens/s per user (the Pareto front).
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Search deployments: a sweep file (base scenario, axes over its knobs) with an objective, run",
            "like 'sweep' (resumable, local or spark engine), then DIR/pareto.csv with every deployment no other beats on",
            "both the objective and median tokens/s per user, DIR/candidates.csv with all, and DIR/figures/pareto.png.",
            "Objectives: goodput_per_chip, goodput_per_kw, goodput_per_usd_per_hour (docs/economics.md)."})
final class SearchCommand implements Callable<Integer> {
    /** Grids larger than this are refused: a smarter strategy (successive halving) is not built yet. */
    static final int MAX_GRID_POINTS = 512;

    @Parameters(paramLabel = "SEARCH", description = "search file: a sweep file with an 'objective' key")
    Path searchFile;

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
        Loaded search = load(searchFile, traces.dir());
        SweepPlan plan = search.plan();
        SearchObjective objective = search.objective();
        SweepEngine e = SweepCommand.engine(points.engine, output.quiet);
        Path dir = points.dir(plan.name());
        SweepCommand.checkSweepDir(dir);
        try (OutputLock lock = RunCommand.lockOut(dir)) {
            SweepCommand.prepare(dir);
            // the marker lists what fabricsim writes here: a search adds its front, candidates and figure
            java.nio.file.Path marker = dir.resolve(org.fabricsim.results.OutputDirectory.MARKER);
            String listed = java.nio.file.Files.readString(marker);
            if (!listed.contains("pareto.csv")) {
                java.nio.file.Files.writeString(marker, listed + "pareto.csv\ncandidates.csv\nfigures/pareto.png\n"
                        + "figures/pareto.svg\n");
            }
            int rc = SweepCommand.runPoints(plan, e, dir, n, output.quiet, spec.commandLine().getOut(), err,
                    "search " + searchFile, searchFile.toString());
            if (rc != Main.EXIT_OK) {
                return rc;
            }
            SearchFront front = SearchFront.of(plan, dir, objective);
            front.write(dir);
            if (!output.quiet) {
                PrintWriter o2 = spec.commandLine().getOut();
                o2.printf("%s: %d candidate(s), %d on the Pareto front of %s and tokens/s per user -> %s%n", plan.name(),
                        front.candidates().size(), front.front().size(), objective.key(), dir.resolve("pareto.csv"));
                o2.flush();
            }
            return Main.EXIT_OK;
        }
    }

    /** A search file read and checked: its objective and the grid of its sweep keys. */
    record Loaded(SearchObjective objective, SweepPlan plan) {
    }

    /**
     * Reads a search file (a sweep file with an {@code objective}) and refuses, before anything runs, an unknown
     * objective, a grid too large, a base without slo, or a cost objective for an unpriced system.
     */
    static Loaded load(Path searchFile, Path tracesDir) throws Exception {
        JsonNode tree;
        try {
            tree = ScenarioLoader.mapper(!searchFile.toString().endsWith(".json")).readTree(
                    ScenarioLoader.readBounded(searchFile, searchFile.toString(), "a search file"));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ScenarioException(searchFile + ": no such file");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ScenarioException(ScenarioLoader.describe(searchFile.toString(), e), e);
        }
        if (!(tree instanceof ObjectNode o)) {
            throw new ScenarioException(searchFile + ": not a search file (a mapping with base, axes and objective)");
        }
        SearchObjective objective = SearchObjective.parse(searchFile + ": objective", o.path("objective").asText(null));
        o.remove("objective");
        SweepPlan plan = SweepLoader.load(searchFile, o, tracesDir);
        if (plan.points().size() > MAX_GRID_POINTS) {
            throw new ScenarioException(searchFile + ": axes: " + plan.points().size() + " points; a grid search runs at"
                    + " most " + MAX_GRID_POINTS + " (a sampling strategy for larger spaces is not built yet): narrow"
                    + " the axes");
        }
        Scenario first = SweepLoader.bindPoint(plan.points().get(0));
        if (first.slo() == null) {
            throw new ScenarioException(searchFile + ": base: a search needs the scenario's slo (goodput counts the"
                    + " requests meeting it), e.g. slo: {ttft_p99_s: 2s, tpot_p99_s: 20ms}");
        }
        if (objective == SearchObjective.GOODPUT_PER_USD_PER_HOUR) {
            for (var c : first.systems()) {
                if (PriceConfig.of(first, c) == null) {
                    throw new ScenarioException(searchFile + ": base: prices: " + objective.key() + " needs a price for"
                            + " system '" + c.name() + "' (its hardware has no usd_per_hour)");
                }
            }
        }
        return new Loaded(objective, plan);
    }
}
