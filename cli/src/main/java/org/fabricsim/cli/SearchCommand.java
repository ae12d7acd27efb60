package org.fabricsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.fabricsim.cli.sweep.SweepEngine;
import org.fabricsim.cli.sweep.SweepPlan;
import org.fabricsim.results.OutputLock;
import org.fabricsim.workloads.serving.PlacementCache;
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
            "Objectives: goodput_per_chip, goodput_per_kw, goodput_per_usd_per_hour (docs/economics.md). A grid runs",
            "every point; strategy: {kind: successive_halving, eta: 3, rungs: 3} runs all on a fraction of the requests",
            "and only the best 1/eta on more, rung by rung, into DIR/rungs/rung-K/."})
final class SearchCommand implements Callable<Integer> {
    /** Grids larger than this are refused unless the search runs them by successive halving. */
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
        // every candidate is deployed once before the directory exists; the rungs of halving differ only in requests
        SweepLoader.checkDeployments(searchFile.toString(), plan, plan.points(), new ScenarioRunner());
        try (OutputLock lock = RunCommand.lockOut(dir)) {
            SweepCommand.prepare(dir);
            // the marker lists what fabricsim writes here: a search adds its front, candidates, figure and rungs
            Path marker = dir.resolve(org.fabricsim.results.OutputDirectory.MARKER);
            String listed = Files.readString(marker);
            if (!listed.contains("pareto.csv")) {
                Files.writeString(marker, listed + "pareto.csv\ncandidates.csv\nfigures/pareto.png\n"
                        + "figures/pareto.svg\nrungs/\n");
            }
            String command = "search " + searchFile;
            SearchFront front;
            if (search.halving() == null) {
                int rc = SweepCommand.runPoints(plan, e, dir, n, output.quiet, spec.commandLine().getOut(), err, command,
                        searchFile.toString(), dir);
                if (rc != Main.EXIT_OK) {
                    return rc;
                }
                front = SearchFront.of(plan, dir, objective);
            } else {
                front = halve(search, e, dir, n, err, command);
            }
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

    /**
     * Runs the rungs of successive halving, each a sweep directory {@code DIR/rungs/rung-K}, and returns the front of
     * the last rung with every point scored at the last rung it reached.
     */
    private SearchFront halve(Loaded search, SweepEngine e, Path dir, int n, PrintWriter err, String command)
            throws Exception {
        SuccessiveHalving sh = search.halving();
        SweepPlan grid = search.plan();
        List<Integer> alive = java.util.stream.IntStream.range(0, grid.points().size()).boxed().toList();
        java.util.Map<Integer, List<SearchFront.Candidate>> latest = new java.util.TreeMap<>();
        List<SearchFront.Candidate> last = List.of();
        for (int k = 0; k < sh.rungs(); k++) {
            SweepPlan rung = sh.rung(grid, alive, k);
            Path rungDir = dir.resolve("rungs").resolve("rung-" + k);
            SweepCommand.prepare(rungDir);
            if (!output.quiet) {
                err.printf("%s: rung %d of %d, %d point(s) at %d requests per replication%n", grid.name(), k + 1,
                        sh.rungs(), alive.size(), ScenarioRunner.requestsPerReplication(
                                SweepLoader.bindPoint(rung.points().get(0))));
                err.flush();
            }
            SweepCommand.runPoints(rung, e, rungDir, n, output.quiet, spec.commandLine().getOut(), err, command,
                    searchFile.toString(), dir);
            last = SearchFront.score(rung, alive.stream().mapToInt(Integer::intValue).toArray(), rungDir,
                    search.objective(), k);
            for (SearchFront.Candidate c : last) {
                latest.put(c.point(), new java.util.ArrayList<>());
            }
            for (SearchFront.Candidate c : last) {
                latest.get(c.point()).add(c);
            }
            if (k + 1 < sh.rungs()) {
                alive = SuccessiveHalving.survivors(last, sh.points(grid.points().size(), k + 1)).stream().sorted()
                        .toList();
            }
        }
        List<SearchFront.Candidate> all = latest.values().stream().flatMap(List::stream).toList();
        return new SearchFront(grid.name(), grid.parameters(), search.objective(), all, SearchFront.front(last));
    }

    /** A search file read and checked: its objective, the grid of its sweep keys and its strategy (null: grid). */
    record Loaded(SearchObjective objective, SweepPlan plan, SuccessiveHalving halving) {
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
        SuccessiveHalving halving = SuccessiveHalving.parse(searchFile + ": strategy", o.get("strategy"));
        o.remove("strategy");
        SweepPlan plan = SweepLoader.load(searchFile, o, tracesDir);
        if (halving != null) {
            halving.check(searchFile.toString(), plan);
        } else if (plan.points().size() > MAX_GRID_POINTS) {
            throw new ScenarioException(searchFile + ": axes: " + plan.points().size() + " points; a grid search runs at"
                    + " most " + MAX_GRID_POINTS + ": narrow the axes, or set strategy: {kind: successive_halving, eta: 3,"
                    + " rungs: 3} (docs/economics.md)");
        }
        Scenario first = SweepLoader.bindPoint(plan.points().get(0));
        if (first.slo() == null) {
            throw new ScenarioException(searchFile + ": base: a search needs the scenario's slo (goodput counts the"
                    + " requests meeting it), e.g. slo: {ttft_p99_s: 2s, tpot_p99_s: 20ms}");
        }
        if (objective == SearchObjective.GOODPUT_PER_USD_PER_HOUR) {
            PlacementCache placements = new PlacementCache(2);
            for (var c : first.systems()) {
                if (PriceConfig.of(first, c, placements) == null) {
                    throw new ScenarioException(searchFile + ": base: prices: " + objective.key() + " needs a price for"
                            + " system '" + c.name() + "' (its hardware has no usd_per_hour)");
                }
            }
        }
        return new Loaded(objective, plan, halving);
    }
}
