package org.fabricsim.results.plot;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.fabricsim.results.Distribution;
import org.fabricsim.results.FieldUnits;

/**
 * The standard figures of fabricsim outputs. A run directory (tokens.csv, requests.csv) gives CDFs of
 * TTFT, inter-token latency and the gap between emissions per system; a sweep directory (sweep.csv) gives tokens/s per user and
 * latency (emission gap, TTFT and ITL; p50 solid, p99 dashed) against a swept axis (numeric, or categorical
 * such as gpu), one series per system and combination of the other axes, with 95% confidence bars over replications.
 */
public final class Plots {
    private Plots() {
    }

    /** ttft-cdf, itl-cdf and gap-cdf (PNG and SVG) of a run directory, into {@code outDir}. */
    public static List<Path> runFigures(Path runDir, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        List<Path> out = new ArrayList<>();
        Map<String, double[]> ttft = column(runDir.resolve("requests.csv"), "ttft_s", null);
        Figure f = new Figure("Time to first token", "TTFT (ms)", "fraction of requests");
        f.fractionAxis();
        ttft.forEach((system, v) -> addCdf(f, system, v));
        out.addAll(f.save(outDir.resolve("ttft-cdf")));
        Map<String, double[]> itl = column(runDir.resolve("tokens.csv"), "latency_s", "token_index");
        Figure g = new Figure("Inter-token latency", "ITL (ms)", "fraction of tokens");
        g.fractionAxis();
        itl.forEach((system, v) -> addCdf(g, system, v));
        out.addAll(g.save(outDir.resolve("itl-cdf")));
        // what a streaming client sees: tokens emitted together (speculative decoding) count once
        Figure gap = new Figure("Gap between emissions", "emission gap (ms)", "fraction of emissions");
        gap.fractionAxis();
        itl.forEach((system, v) -> addCdf(gap, system, Arrays.stream(v).filter(d -> d > 0).toArray()));
        out.addAll(gap.save(outDir.resolve("gap-cdf")));
        return out;
    }

    private static void addCdf(Figure f, String system, double[] seconds) {
        Cdf c = Cdf.of(seconds);
        if (c.x().length == 0) {
            return;
        }
        double[] ms = c.x().clone();
        for (int i = 0; i < ms.length; i++) {
            ms[i] *= 1e3;
        }
        f.line(system, ms, c.p());
    }

    /** Values of {@code column} per system (in order of appearance); with {@code indexColumn}, rows where it is 0 are skipped. */
    static Map<String, double[]> column(Path file, String column, String indexColumn) throws IOException {
        CsvMapper m = new CsvMapper();
        m.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        Map<String, List<Double>> bySystem = new LinkedHashMap<>();
        try (MappingIterator<String[]> it = m.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(file.toFile())) {
            if (!it.hasNext()) {
                throw new IOException(file + ": empty");
            }
            List<String> header = List.of(it.next());
            int sys = header.indexOf("system");
            int col = header.indexOf(column);
            int idx = indexColumn == null ? -1 : header.indexOf(indexColumn);
            if (sys < 0 || col < 0 || (indexColumn != null && idx < 0)) {
                throw new IOException(file + ": needs columns system, " + column + (indexColumn == null ? "" : ", " + indexColumn));
            }
            while (it.hasNext()) {
                String[] r = it.next();
                if (idx >= 0 && r[idx].equals("0")) {
                    continue;
                }
                bySystem.computeIfAbsent(r[sys], k -> new ArrayList<>()).add(Double.parseDouble(r[col]));
            }
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        bySystem.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
        return out;
    }

    /** The stats of output_tokens_per_s a sweep figure can plot (sweep.csv's, without count). */
    public static final List<String> SPEED_STATS = Arrays.stream(Distribution.STATS).filter(s -> !s.equals("count")).toList();

    /**
     * tokens-per-user-vs-X, gap-vs-X, ttft-vs-X and itl-vs-X (PNG and SVG) of a sweep directory, into {@code outDir}.
     *
     * @param xAxis      the parameter column on the x axis; null for the first one
     * @param speedStat  the stat of output_tokens_per_s plotted (p50: the median user's speed), one of {@link #SPEED_STATS}
     */
    public static List<Path> sweepFigures(Path sweepDir, Path outDir, String xAxis, String speedStat) throws IOException {
        Map<String, Figure> figures = sweepCharts(CsvTable.read(sweepDir.resolve("sweep.csv")), sweepDir, xAxis, speedStat);
        Files.createDirectories(outDir);
        List<Path> out = new ArrayList<>();
        for (var e : figures.entrySet()) {
            out.addAll(e.getValue().save(outDir.resolve(e.getKey())));
        }
        return out;
    }

    /** The sweep figures by file name (without extension), checked and built before anything is written. */
    static Map<String, Figure> sweepCharts(CsvTable t, Path sweepDir, String xAxis, String speedStat) throws IOException {
        if (!SPEED_STATS.contains(speedStat)) {
            throw new IllegalArgumentException("--speed-stat: unknown stat '" + speedStat + "'; one of "
                    + String.join(", ", SPEED_STATS));
        }
        List<String> params = parameters(t);
        if (params.isEmpty()) {
            throw new IOException(sweepDir.resolve("sweep.csv") + ": no parameter columns between 'point' and 'system'");
        }
        String x = xAxis == null ? params.get(0) : xAxis;
        if (!params.contains(x)) {
            throw new IllegalArgumentException("x axis: '" + x + "' is not a parameter of this sweep; parameters: " + params);
        }
        // a non-numeric axis (gpu: h100, h200) is categorical: its values in sweep order at 0, 1, 2, ...
        List<String> categories = new ArrayList<>();
        boolean numeric = true;
        for (int r = 0; r < t.size(); r++) {
            String v = t.get(r, x);
            if (!categories.contains(v)) {
                categories.add(v);
            }
            try {
                Double.parseDouble(v);
            } catch (NumberFormatException e) {
                numeric = false;
            }
        }
        ToDoubleFunction<Integer> position;
        String xTitle = x;
        if (numeric) {
            // an axis whose name carries a unit (hbm_bandwidth, clock) is drawn in a readable multiple of it
            double largest = 0;
            for (int r = 0; r < t.size(); r++) {
                largest = Math.max(largest, Math.abs(t.number(r, x)));
            }
            FieldUnits.Display unit = x.endsWith("_per_s") && !x.endsWith("bytes_per_s") && !x.endsWith("flops_per_s")
                    ? new FieldUnits.Display("1/s", 1) : FieldUnits.display(x, largest);
            xTitle = unit == null ? x : x + " (" + unit.symbol() + ")";
            double xDiv = unit == null ? 1 : unit.divisor();
            position = r -> t.number(r, x) / xDiv;
        } else {
            position = r -> categories.indexOf(t.get(r, x));
        }
        Map<String, Figure> out = new LinkedHashMap<>();
        Figure speed = new Figure("Output speed per user (" + speedStat + ", 95% CI)", xTitle, "tokens/s per user");
        addSeries(speed, t, params, x, position, "output_tokens_per_s", speedStat, 1);
        out.put("tokens-per-user-vs-" + x, speed);
        Figure gap = new Figure("Gap between emissions against " + x + " (95% CI)", xTitle, "emission gap (ms)");
        out.put("gap-vs-" + x, gap);
        Figure ttft = new Figure("Time to first token against " + x + " (95% CI)", xTitle, "TTFT (ms)");
        out.put("ttft-vs-" + x, ttft);
        Figure itl = new Figure("Inter-token latency against " + x + " (95% CI)", xTitle, "ITL (ms)");
        out.put("itl-vs-" + x, itl);
        for (String stat : List.of("p50", "p99")) {
            addSeries(gap, t, params, x, position, "emission_gap_s", stat, 1e3);
            addSeries(ttft, t, params, x, position, "ttft_s", stat, 1e3);
            addSeries(itl, t, params, x, position, "itl_s", stat, 1e3);
        }
        out.values().removeIf(Figure::isEmpty); // a sweep.csv written before emission_gap_s has no gap rows
        for (Figure f : out.values()) {
            f.logYWhereWide();
            if (!numeric) {
                f.categoricalX(categories);
            }
        }
        return out;
    }

    /** The parameter columns of a sweep.csv: those between "point" and "system". */
    static List<String> parameters(CsvTable t) {
        List<String> c = t.columns();
        int from = c.indexOf("point");
        int to = c.indexOf("system");
        if (from != 0 || to < 0) {
            throw new IllegalArgumentException("not a sweep.csv: columns " + c);
        }
        return c.subList(1, to);
    }

    /** One series per system and combination of the other axes; named with the stat when it is a latency's. */
    private static void addSeries(Figure f, CsvTable t, List<String> params, String x, ToDoubleFunction<Integer> position,
            String metric, String stat, double scale) {
        Map<String, TreeMap<Double, double[]>> series = new LinkedHashMap<>();
        for (int r = 0; r < t.size(); r++) {
            if (!t.get(r, "metric").equals(metric) || !t.get(r, "stat").equals(stat)) {
                continue;
            }
            StringBuilder name = new StringBuilder(t.get(r, "system"));
            for (String p : params) {
                if (!p.equals(x)) {
                    name.append(' ').append(p).append('=').append(t.get(r, p));
                }
            }
            series.computeIfAbsent(name.toString(), k -> new TreeMap<>())
                    .put(position.applyAsDouble(r), new double[] {t.number(r, "mean") * scale, t.number(r, "ci95_half_width") * scale});
        }
        boolean latency = !metric.equals("output_tokens_per_s");
        series.forEach((group, points) -> {
            double[] xs = points.keySet().stream().mapToDouble(Double::doubleValue).toArray();
            double[] ys = points.values().stream().mapToDouble(v -> v[0]).toArray();
            double[] es = points.values().stream().mapToDouble(v -> v[1]).toArray();
            f.points(latency ? group + " " + stat : group, group, stat, xs, ys, es);
        });
    }
}
