package org.fabricsim.results.plot;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fabricsim.results.FieldUnits;

/**
 * The standard figures of fabricsim outputs. A run directory (tokens.csv, requests.csv) gives CDFs of
 * TTFT and inter-token latency per system; a sweep directory (sweep.csv) gives tokens/s per user and
 * latency (TTFT and ITL, p50 and p99) against a swept axis, one series per system and combination of
 * the other axes, with 95% confidence bars over replications.
 */
public final class Plots {
    private Plots() {
    }

    /** ttft-cdf and itl-cdf (PNG and SVG) of a run directory, into {@code outDir}. */
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

    /**
     * tokens-per-user-vs-X, ttft-vs-X and itl-vs-X (PNG and SVG) of a sweep directory, into {@code outDir}.
     *
     * @param xAxis      the parameter column on the x axis; null for the first one
     * @param speedStat  the stat of output_tokens_per_s plotted (p50: the median user's speed)
     */
    public static List<Path> sweepFigures(Path sweepDir, Path outDir, String xAxis, String speedStat) throws IOException {
        CsvTable t = CsvTable.read(sweepDir.resolve("sweep.csv"));
        List<String> params = parameters(t);
        if (params.isEmpty()) {
            throw new IOException(sweepDir.resolve("sweep.csv") + ": no parameter columns between 'point' and 'system'");
        }
        String x = xAxis == null ? params.get(0) : xAxis;
        if (!params.contains(x)) {
            throw new IllegalArgumentException("x axis: '" + x + "' is not a parameter of this sweep; parameters: " + params);
        }
        for (int r = 0; r < t.size(); r++) {
            try {
                t.number(r, x);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("x axis: '" + x + "' has the non-numeric value '" + t.get(r, x)
                        + "'; choose a numeric axis with --x");
            }
        }
        Files.createDirectories(outDir);
        // an axis whose name carries a unit (hbm_bandwidth, clock) is drawn in a readable multiple of it
        double largest = 0;
        for (int r = 0; r < t.size(); r++) {
            largest = Math.max(largest, Math.abs(t.number(r, x)));
        }
        FieldUnits.Display unit = FieldUnits.display(x, largest);
        String xTitle = unit == null ? x : x + " (" + unit.symbol() + ")";
        double xDiv = unit == null ? 1 : unit.divisor();
        List<Path> out = new ArrayList<>();
        Figure speed = new Figure("Output speed per user (" + speedStat + ", 95% CI)", xTitle, "tokens/s per user");
        addSeries(speed, t, params, x, xDiv, "output_tokens_per_s", speedStat, 1, "");
        out.addAll(speed.save(outDir.resolve("tokens-per-user-vs-" + x)));
        Figure ttft = new Figure("Time to first token against " + x + " (95% CI)", xTitle, "TTFT (ms)");
        addSeries(ttft, t, params, x, xDiv, "ttft_s", "p50", 1e3, " p50");
        addSeries(ttft, t, params, x, xDiv, "ttft_s", "p99", 1e3, " p99");
        out.addAll(ttft.save(outDir.resolve("ttft-vs-" + x)));
        Figure itl = new Figure("Inter-token latency against " + x + " (95% CI)", xTitle, "ITL (ms)");
        addSeries(itl, t, params, x, xDiv, "itl_s", "p50", 1e3, " p50");
        addSeries(itl, t, params, x, xDiv, "itl_s", "p99", 1e3, " p99");
        out.addAll(itl.save(outDir.resolve("itl-vs-" + x)));
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

    private static void addSeries(Figure f, CsvTable t, List<String> params, String x, double xDiv, String metric,
            String stat, double scale, String suffix) {
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
            name.append(suffix);
            series.computeIfAbsent(name.toString(), k -> new TreeMap<>())
                    .put(t.number(r, x) / xDiv, new double[] {t.number(r, "mean") * scale, t.number(r, "ci95_half_width") * scale});
        }
        series.forEach((name, points) -> {
            double[] xs = points.keySet().stream().mapToDouble(Double::doubleValue).toArray();
            double[] ys = points.values().stream().mapToDouble(v -> v[0]).toArray();
            double[] es = points.values().stream().mapToDouble(v -> v[1]).toArray();
            f.points(name, xs, ys, es);
        });
    }
}
