package org.fabricsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code fabricsim validate}: checks every file kind fabricsim reads without simulating: scenarios (loaded and
 * deployed), sweeps (every point expanded and deployed) and NoC configs (as {@code fabricsim noc} reads them).
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check scenario, sweep and NoC config files without running them: syntax, keys, values, models "
                + "and capacity; and published-curve files (.csv, as validate-curves reads them). Exit 2 on the first bad one.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "scenario, sweep (base: and axes:), NoC config or curve (.csv) files")
    Path[] files;

    @picocli.CommandLine.Mixin
    TracesOption traces = new TracesOption();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** What a file holds, told by its top-level keys. */
    enum Kind { SCENARIO, SWEEP, SEARCH, NOC, CURVES }

    @Override
    public Integer call() throws Exception {
        ScenarioRunner runner = new ScenarioRunner(); // the files of one call share what they place
        for (Path f : files) {
            String line = switch (kind(f)) {
                case SWEEP -> {
                    var plan = SweepLoader.load(f, traces.dir());
                    SweepLoader.checkDeployments(f.toString(), plan, plan.points(), runner);
                    yield "ok (sweep, " + plan.points().size() + " point(s))";
                }
                case SEARCH -> {
                    var search = SearchCommand.load(f, traces.dir());
                    SweepLoader.checkDeployments(f.toString(), search.plan(), search.plan().points(), runner);
                    yield "ok (search, " + search.plan().points().size() + " point(s), objective "
                            + search.objective().key() + ")";
                }
                case NOC -> {
                    NocCommand.Config c = NocCommand.load(f);
                    try {
                        c.toSpec();
                    } catch (IllegalArgumentException e) {
                        throw new ScenarioException(f + ": " + e.getMessage(), e);
                    }
                    yield "ok (NoC config, " + c.injectionRates().size() + " injection rate(s))";
                }
                case CURVES -> {
                    try {
                        yield "ok (curve file, " + org.fabricsim.results.curves.PublishedCurves.read(f).size()
                                + " published point(s))";
                    } catch (IllegalArgumentException e) {
                        throw new ScenarioException(e.getMessage(), e);
                    }
                }
                case SCENARIO -> {
                    Scenario s = ScenarioLoader.load(f, traces.dir());
                    try {
                        runner.checkDeployments(s, s.seed());
                    } catch (ScenarioException e) {
                        throw SourceLocations.refusal(f, e);
                    }
                    yield "ok (" + s.systems().size() + " system(s))";
                }
            };
            spec.commandLine().getOut().printf("%s: %s%n", f, line);
        }
        spec.commandLine().getOut().flush();
        return Main.EXIT_OK;
    }

    /**
     * A sweep has {@code base:} and {@code axes:} (a search also an {@code objective:}); a NoC config has {@code mesh:} and no {@code systems:}; anything
     * else (a file that does not parse included) is read as a scenario, whose loader then names what is wrong.
     */
    static Kind kind(Path f) {
        if (f.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
            return Kind.CURVES;
        }
        JsonNode tree;
        try {
            String name = f.toString().toLowerCase(java.util.Locale.ROOT);
            byte[] bytes = ScenarioLoader.readBounded(f, f.toString(), "a fabricsim file");
            tree = ScenarioLoader.mapper(!name.endsWith(".json")).readTree(bytes);
        } catch (Exception e) {
            return Kind.SCENARIO;
        }
        if (tree == null || !tree.isObject()) {
            return Kind.SCENARIO;
        }
        if (tree.has("base") && tree.has("axes")) {
            return tree.has("objective") ? Kind.SEARCH : Kind.SWEEP;
        }
        if (tree.has("mesh") && !tree.has("systems")) {
            return Kind.NOC;
        }
        return Kind.SCENARIO;
    }
}
