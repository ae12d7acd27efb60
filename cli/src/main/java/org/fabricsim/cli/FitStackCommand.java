package org.fabricsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.fabricsim.cli.sweep.SweepCsv;
import org.fabricsim.cli.sweep.SweepPlan;
import org.fabricsim.fabric.api.Hardware;
import org.fabricsim.results.CsvFiles;
import org.fabricsim.results.OutputLock;
import org.fabricsim.results.curves.PublishedPoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fabricsim fit-stack}: a GPU software stack's two constants, {@code kernel_efficiency} and {@code step_overhead_s},
 * fitted on the two published points that name it ({@code fitted_by: gpu_stack.NAME}) by Newton's method on the
 * simulated points, the Jacobian by finite differences, as docs/calibration.md describes.
 */
@Command(name = "fit-stack", mixinStandardHelpOptions = true,
        description = {"Fit a GPU software stack's kernel_efficiency and step_overhead_s on the two published points whose",
            "fitted_by column names it (gpu_stack.NAME), given as CURVES SCENARIO pairs (a curve file and the sweep or",
            "run file that simulates it, as validate-curves takes CURVES RESULTS). Starts from the stack's catalog",
            "values, simulates only the fitted points (the stack's systems set to the candidate values), and moves both",
            "constants by Newton's method until every fitted point is within --tolerance. Prints each iteration and",
            "writes DIR/fit.csv and each iteration's runs under DIR. docs/calibration.md."},
        footer = {"", "Exit 2 on a bad file, fewer or more than two fitted points, or no convergence in --max-iterations."})
final class FitStackCommand implements Callable<Integer> {
    /** Relative step of the finite differences (of the efficiency, and of the host time or 0.1 ms if larger). */
    private static final double STEP = 0.01;

    @Parameters(paramLabel = "CURVES SCENARIO", arity = "2..*",
            description = "pairs: a curve file, then the sweep (or run) file that simulates it")
    List<Path> pairs;

    @Option(names = "--stack", required = true, paramLabel = "NAME", description = "the stack to fit (e.g. sglang)")
    String stack;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: out/fit-<stack>)")
    Path out;

    @Option(names = "--tolerance", paramLabel = "FRACTION",
            description = "largest |simulated / published - 1| of a fitted point to stop at (default: ${DEFAULT-VALUE})")
    double tolerance = 0.005;

    @Option(names = "--max-iterations", paramLabel = "N", description = "Newton steps at most (default: ${DEFAULT-VALUE})")
    int maxIterations = 10;

    @Mixin
    TracesOption traces;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** A fitted point and the scenario that simulates it. */
    private record Target(PublishedPoint point, Path curves, Path scenario, JsonNode tree) {
    }

    @Override
    public Integer call() throws Exception {
        if (pairs.size() % 2 != 0) {
            throw new ScenarioException("CURVES SCENARIO: expected pairs, got " + pairs.size() + " paths");
        }
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new ScenarioException("--tolerance: must be in (0, 1), got " + tolerance);
        }
        if (maxIterations < 1 || maxIterations > 100) {
            throw new ScenarioException("--max-iterations: must be in 1..100, got " + maxIterations);
        }
        Map<String, Double> start;
        try {
            start = Hardware.builtIn().calibration(Hardware.GPU_STACK, stack, Map.of());
        } catch (IllegalArgumentException e) {
            throw new ScenarioException("--stack: " + e.getMessage(), e);
        }
        List<Target> targets = targets();
        Path dir = out != null ? out : Path.of("out", "fit-" + stack);
        SweepCommand.checkSweepDir(dir);
        refuseEarlierFit(dir);
        PrintWriter o = spec.commandLine().getOut();
        List<Object[]> rows = new ArrayList<>();
        try (OutputLock lock = RunCommand.lockOut(dir)) {
            SweepCommand.prepare(dir);
            double e = start.get("kernel_efficiency");
            double h = start.get("step_overhead_s");
            for (int it = 0; it <= maxIterations; it++) {
                double[] r = residuals(targets, dir, it + "", e, h);
                rows.add(row(it, e, h, r));
                o.printf(Locale.ROOT, "iteration %d: kernel_efficiency %.4f, step_overhead_s %.3f ms, errors %s%n", it, e,
                        h * 1e3, errors(r));
                o.flush();
                if (Math.max(Math.abs(r[0]), Math.abs(r[1])) <= tolerance) {
                    writeCsv(dir, rows);
                    o.printf(Locale.ROOT, "gpu_stack.%s: kernel_efficiency %.3f, step_overhead_s %.5f s -> %s%n", stack, e,
                            h, dir.resolve("fit.csv"));
                    return Main.EXIT_OK;
                }
                if (it == maxIterations) {
                    break;
                }
                double de = e * STEP;
                double dh = Math.max(h * STEP, 1e-4);
                double[] re = residuals(targets, dir, it + "-de", Math.min(1, e + de) == e + de ? e + de : e - de, h);
                double[] rh = residuals(targets, dir, it + "-dh", e, h + dh);
                double se = Math.min(1, e + de) == e + de ? de : -de;
                RealMatrix j = MatrixUtils.createRealMatrix(new double[][] {
                    {(re[0] - r[0]) / se, (rh[0] - r[0]) / dh}, {(re[1] - r[1]) / se, (rh[1] - r[1]) / dh}});
                double[] step;
                try {
                    step = new LUDecomposition(j).getSolver().solve(MatrixUtils.createRealVector(r)).toArray();
                } catch (SingularMatrixException x) {
                    throw new ScenarioException("fit-stack: the two points move alike with both constants (a singular"
                            + " Jacobian); choose points that separate host time from kernel time (low and high load)");
                }
                e = Math.min(1, Math.max(1e-3, e - step[0]));
                h = Math.min(1, Math.max(0, h - step[1]));
            }
            writeCsv(dir, rows);
        }
        throw new ScenarioException("fit-stack: no fit within " + tolerance + " after " + maxIterations + " iterations ("
                + dir.resolve("fit.csv") + ")");
    }

    /**
     * Refuses a directory holding an earlier fit: its runs are of other inputs or constants, and a fit reads each
     * iteration's runs back from its own subdirectories.
     */
    private static void refuseEarlierFit(Path dir) throws ScenarioException, IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var entries = Files.list(dir)) {
            if (entries.anyMatch(p -> p.getFileName().toString().equals("fit.csv")
                    || p.getFileName().toString().startsWith("iter-"))) {
                throw new ScenarioException("--out: " + dir + " holds an earlier fit; name another directory");
            }
        }
    }

    /** The published points fitted on the stack, with the scenario of each; exactly two. */
    private List<Target> targets() throws ScenarioException, IOException {
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i += 2) {
            Path curves = pairs.get(i);
            Path scenario = pairs.get(i + 1);
            List<PublishedPoint> published = ValidateCurvesCommand.readCurves(curves);
            if (!Files.isRegularFile(scenario)) {
                throw new ScenarioException(scenario + ": no such file");
            }
            JsonNode tree = new YAMLMapper().readTree(scenario.toFile());
            for (PublishedPoint p : published) {
                if (("gpu_stack." + stack).equals(p.fittedBy())) {
                    targets.add(new Target(p, curves, scenario, tree));
                }
            }
        }
        if (targets.size() != 2) {
            throw new ScenarioException("CURVES: " + targets.size() + " point(s) name fitted_by gpu_stack." + stack
                    + "; two constants need exactly two");
        }
        return targets;
    }

    /** simulated / published - 1 of each target with the stack's systems at (e, h), run under {@code dir/tag}. */
    private double[] residuals(List<Target> targets, Path dir, String tag, double e, double h) throws Exception {
        double[] r = new double[targets.size()];
        for (int k = 0; k < targets.size(); k++) {
            Target t = targets.get(k);
            ObjectNode sweep = sweepOf(t, e, h);
            SweepPlan plan = SweepLoader.load(t.scenario(), sweep, traces.dir());
            Path runDir = dir.resolve(String.format(Locale.ROOT, "iter-%s-point-%d", tag, k));
            Files.createDirectories(runDir);
            new SweepLocalEngine(true).run(plan, plan.pending(runDir), runDir, 1, spec.commandLine().getErr());
            SweepCsv.write(runDir, plan);
            double simulated = SimulatedCurves.read(runDir).simulated(t.point(), t.curves());
            r[k] = simulated / t.point().publishedSi() - 1;
        }
        return r;
    }

    /**
     * The target's scenario as a sweep over only its own point (each axis kept at the values its key names; a run
     * scenario as a sweep of one point), with every system that runs the stack set to (e, h).
     */
    private ObjectNode sweepOf(Target t, double e, double h) throws ScenarioException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        JsonNode tree = t.tree();
        ObjectNode sweep;
        if (tree.has("axes")) {
            sweep = tree.deepCopy();
            if (!sweep.path("base").isObject()) {
                throw new ScenarioException(t.scenario() + ": base: fit-stack needs the base scenario inline");
            }
            ArrayNode axes = f.arrayNode();
            for (JsonNode axis : sweep.get("axes")) {
                String name = axis.has("name") ? axis.get("name").asText() : lastKey(axis.get("path").asText());
                String wanted = t.point().key().get(name);
                ObjectNode kept = axis.deepCopy();
                if (wanted != null) {
                    ArrayNode values = f.arrayNode();
                    List<Integer> picked = new ArrayList<>();
                    for (int v = 0; v < axis.get("values").size(); v++) {
                        if (sameValue(axis.get("values").get(v), wanted)) {
                            values.add(axis.get("values").get(v));
                            picked.add(v);
                        }
                    }
                    if (values.isEmpty()) {
                        throw new ScenarioException(t.scenario() + ": no value of axis " + name + " is the fitted point's "
                                + wanted);
                    }
                    kept.set("values", values);
                    if (axis.has("with")) {
                        ArrayNode with = f.arrayNode();
                        for (JsonNode w : axis.get("with")) {
                            ObjectNode wk = w.deepCopy();
                            ArrayNode wv = f.arrayNode();
                            picked.forEach(v -> wv.add(w.get("values").get(v)));
                            wk.set("values", wv);
                            with.add(wk);
                        }
                        kept.set("with", with);
                    }
                }
                axes.add(kept);
            }
            sweep.set("axes", axes);
        } else {
            sweep = f.objectNode();
            sweep.put("name", tree.path("name").asText("fit"));
            sweep.set("base", tree.deepCopy());
            ObjectNode axis = f.objectNode();
            axis.put("path", "seed");
            axis.set("values", f.arrayNode().add(tree.path("seed").asLong(1)));
            sweep.set("axes", f.arrayNode().add(axis));
        }
        int set = 0;
        for (JsonNode system : sweep.path("base").path("systems")) {
            JsonNode s = system.path("stack");
            String base = s.isObject() ? s.path("base").asText() : s.asText();
            if (stack.equals(base)) {
                ObjectNode derived = s.isObject() ? s.deepCopy() : f.objectNode().put("base", stack);
                derived.put("kernel_efficiency", e);
                derived.put("step_overhead_s", h);
                ((ObjectNode) system).set("stack", derived);
                set++;
            }
        }
        if (set == 0) {
            throw new ScenarioException(t.scenario() + ": no system runs stack " + stack);
        }
        return sweep;
    }

    private static boolean sameValue(JsonNode value, String wanted) {
        try {
            return value.isNumber() ? value.asDouble() == Double.parseDouble(wanted) : value.asText().equals(wanted);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String lastKey(String path) {
        String last = path.substring(path.lastIndexOf('.') + 1);
        int bracket = last.indexOf('[');
        return bracket < 0 ? last : last.substring(0, bracket);
    }

    private static Object[] row(int it, double e, double h, double[] r) {
        return new Object[] {it, e, h, r[0], r[1]};
    }

    private static String errors(double[] r) {
        StringBuilder b = new StringBuilder();
        for (double x : r) {
            b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%+.2f%%", 100 * x));
        }
        return b.toString();
    }

    /** fit.csv: one row per iteration, the constants and each fitted point's error. */
    private static void writeCsv(Path dir, List<Object[]> rows) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        List.of("iteration", "kernel_efficiency", "step_overhead_s", "error_point_0", "error_point_1")
                .forEach(schema::addColumn);
        try (Writer w = Files.newBufferedWriter(dir.resolve("fit.csv"), StandardCharsets.UTF_8);
                SequenceWriter out = CsvFiles.mapper().writer(schema.build()).writeValues(w)) {
            for (Object[] r : rows) {
                out.write(r);
            }
        }
    }
}
