package org.fabricsim.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.fabricsim.results.plot.Plots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fabricsim plot}: PNG and SVG figures of a run or sweep directory. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Draw PNG and SVG figures of an output directory into DIR/figures/: for a run (tokens.csv),",
            "CDFs of TTFT, inter-token latency and the gap between emissions per system; for a sweep (sweep.csv),",
            "tokens/s per user and the emission gap, TTFT and ITL (p50 solid, p99 dashed) against a swept axis,",
            "numeric or categorical, with 95%% confidence bars; a y axis spanning more than a decade is logarithmic."})
final class PlotCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "a run directory (from 'run') or a sweep directory (from 'sweep')")
    Path dir;

    @Option(names = "--out", paramLabel = "FIGDIR", description = "where the figures go (default: DIR/figures)")
    Path out;

    @Option(names = "--x", paramLabel = "AXIS", description = "the sweep parameter on the x axis (default: the first)")
    String xAxis;

    @Option(names = "--speed-stat", paramLabel = "STAT", defaultValue = "p50",
            description = "stat of tokens/s per user to plot: mean, p50, p90, p99, p999 or max (default: p50)")
    String speedStat;

    @picocli.CommandLine.Mixin
    QuietOption output;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        if (!Files.isDirectory(dir)) {
            throw new ScenarioException(dir + ": no such directory");
        }
        if (!Plots.SPEED_STATS.contains(speedStat)) {
            // refused before anything is drawn, so existing figures stay as they are
            throw new ScenarioException("--speed-stat: unknown stat '" + speedStat + "'; one of "
                    + String.join(", ", Plots.SPEED_STATS));
        }
        Path figures = out != null ? out : dir.resolve("figures");
        List<Path> made = new ArrayList<>();
        try {
            if (Files.exists(dir.resolve("sweep.csv"))) {
                made.addAll(Plots.sweepFigures(dir, figures, xAxis, speedStat));
            }
            if (Files.exists(dir.resolve("tokens.csv")) && Files.exists(dir.resolve("requests.csv"))) {
                made.addAll(Plots.runFigures(dir, figures));
            }
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(dir + ": " + e.getMessage(), e);
        }
        if (made.isEmpty()) {
            throw new ScenarioException(dir + ": neither a run directory (tokens.csv, requests.csv) nor a sweep directory (sweep.csv)");
        }
        if (!output.quiet) {
            made.forEach(p -> spec.commandLine().getOut().println(p));
            spec.commandLine().getOut().flush();
        }
        return Main.EXIT_OK;
    }
}
