package org.fabricsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fabricsim.results.curves.CurveComparison;
import org.fabricsim.results.curves.CurveComparison.PointError;
import org.fabricsim.results.curves.CurveErrorsCsv;
import org.fabricsim.results.curves.CurveMetric;
import org.fabricsim.results.curves.PublishedCurves;
import org.fabricsim.results.curves.PublishedPoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fabricsim validate-curves}: published serving curves against simulated ones, point by point. */
@Command(name = "validate-curves", mixinStandardHelpOptions = true,
        description = {"Compare published serving curves with simulated ones: each CURVES file (one published figure a row)",
            "against the RESULTS directory of the sweep or run that simulates it. Prints each point's error and, over the",
            "grade A and B points no calibration constant was fitted on, the median |error| of tokens/s per user and of",
            "TTFT and how many points are beyond --bound; writes every row to --out. docs/validation.md."},
        footer = {"",
            "CURVES columns: dataset, grade (A, B, C), metric, published, unit, source; optional fitted_by (the calibration"
                + " constant chosen with the figure in view: excluded from the medians) and note; every other column is the"
                + " load point, matched to the sweep.csv parameter of that name (numbers as numbers) or to 'system'.",
            "",
            "Metrics, each against the mean over requests in summary.csv: ttft; tpot; itl (a client's mean gap after the"
                + " first token, compared with tpot_s); e2e; tok_s_user (1 / tpot_s); tok_s_user_e2e (output tokens / e2e_s);"
                + " output_tok_s (throughput_tokens_per_s); and tok_s_user_batch (an offline batch's output tokens per"
                + " request / its latency, the largest e2e_s). Units: s, ms, us, tok/s.",
            "",
            "error = simulated / published - 1. Toward the tokens/s-per-user headline a time per token counts as its"
                + " inverse, so a positive error means the model is faster; for TTFT, slower. Grade C rows are shown, not"
                + " counted.",
            "",
            "Exit 2 on a bad file, a published point no simulated point matches, or a figure the results lack."})
final class ValidateCurvesCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CURVES RESULTS", arity = "2..*",
            description = "pairs: a curve file, then the output directory of the sweep or run that simulates it")
    List<Path> pairs;

    @Option(names = "--out", paramLabel = "FILE", description = "per-point errors as CSV (default: ${DEFAULT-VALUE})")
    Path out = Path.of("out", "validate-curves", "errors.csv");

    @Option(names = "--markdown", paramLabel = "FILE",
            description = "also the tables as Markdown, one per dataset and the headlines (for docs/validation.md)")
    Path markdown;

    @Option(names = "--bound", paramLabel = "FRACTION",
            description = "|error| beyond which a counted point is listed as outside (default: ${DEFAULT-VALUE})")
    double bound = 0.30;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (pairs.size() % 2 != 0) {
            throw new ScenarioException("CURVES RESULTS: expected pairs, got " + pairs.size() + " paths (the last, "
                    + pairs.get(pairs.size() - 1) + ", has no partner)");
        }
        if (!(bound > 0)) {
            throw new ScenarioException("--bound: must be positive, got " + bound);
        }
        List<PointError> all = new ArrayList<>();
        Map<String, List<PointError>> byDataset = new LinkedHashMap<>();
        for (int i = 0; i < pairs.size(); i += 2) {
            Path curves = pairs.get(i);
            List<PublishedPoint> published = readCurves(curves);
            SimulatedCurves simulated = SimulatedCurves.read(pairs.get(i + 1));
            for (PublishedPoint p : published) {
                PointError e = PointError.of(p, simulated.simulated(p, curves));
                all.add(e);
                byDataset.computeIfAbsent(p.dataset(), k -> new ArrayList<>()).add(e);
            }
        }
        PrintWriter o = spec.commandLine().getOut();
        for (var e : byDataset.entrySet()) {
            printDataset(o, e.getKey(), e.getValue());
        }
        printHeadlines(o, all);
        try {
            CurveErrorsCsv.write(out, all);
        } catch (IOException e) {
            throw new IOException(out + ": " + e.getMessage(), e);
        }
        o.println("per-point errors: " + out);
        if (markdown != null) {
            try {
                Path parent = markdown.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                Files.writeString(markdown, org.fabricsim.results.curves.CurveMarkdown.render(byDataset, all, bound));
            } catch (IOException e) {
                throw new IOException(markdown + ": " + e.getMessage(), e);
            }
            o.println("markdown: " + markdown);
        }
        o.flush();
        return Main.EXIT_OK;
    }

    /** A curve file's published points; a missing or malformed file is bad input, named. */
    static List<PublishedPoint> readCurves(Path curves) throws ScenarioException, IOException {
        if (!Files.isRegularFile(curves)) {
            throw new ScenarioException(curves + ": no such file");
        }
        try {
            return PublishedCurves.read(curves);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(e.getMessage());
        }
    }

    private void printDataset(PrintWriter o, String dataset, List<PointError> errors) {
        Table t = new Table(Table.Col.left("point", 14), Table.Col.left("metric", 14), Table.Col.left("grade", 5),
                Table.Col.right("published", 10), Table.Col.right("simulated", 10), Table.Col.left("unit", 5),
                Table.Col.right("error", 8), Table.Col.right("per-user/TTFT", 13), Table.Col.left("", 0));
        for (PointError e : errors) {
            PublishedPoint p = e.point();
            boolean headline = p.metric().headline() != CurveMetric.Headline.NONE;
            t.row(CurveErrorsCsv.pointLabel(p), p.metric().key(), String.valueOf(p.grade()), number(p.published()),
                    number(e.simulated()), p.unit(), percent(e.error()), headline ? percent(e.headlineError()) : "",
                    p.fitted() ? "fitted: " + p.fittedBy() : !p.graded() ? "grade C: not counted"
                    : headline && Math.abs(e.headlineError()) > bound ? "outside" : "");
        }
        o.println(dataset);
        o.print(t.render());
        o.println();
    }

    private void printHeadlines(PrintWriter o, List<PointError> all) {
        Table t = new Table(Table.Col.left("headline", 14), Table.Col.right("points", 6), Table.Col.right("fitted", 6),
                Table.Col.right("median |error|", 14), Table.Col.right(String.format(Locale.ROOT, "beyond %.0f%%", bound * 100), 11),
                Table.Col.left("worst", 30));
        for (CurveMetric.Headline h : List.of(CurveMetric.Headline.USER_SPEED, CurveMetric.Headline.TTFT)) {
            CurveComparison.Headline s = CurveComparison.headline(all, h, bound);
            t.row(h.label(), String.valueOf(s.outOfSample()), String.valueOf(s.fitted()), percentAbs(s.medianAbsError()),
                    String.valueOf(s.beyondBound()), s.worst().map(w -> w.point().dataset() + " "
                    + CurveErrorsCsv.pointLabel(w.point()) + " " + percent(w.headlineError())).orElse("-"));
        }
        o.println("out of sample (grade A/B, not fitted); per-user error: positive = the model is faster; TTFT: positive = slower");
        o.print(t.render());
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.3g", v);
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%+.1f%%", v * 100);
    }

    private static String percentAbs(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", v * 100);
    }
}
