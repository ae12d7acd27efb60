package org.fabricsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.fabricsim.cli.sweep.SweepPlan;
import org.fabricsim.results.curves.CurveMetric;
import org.fabricsim.results.curves.PublishedPoint;

/**
 * The simulated side of a curve: a sweep's output directory (sweep.csv, a point per row group, matched by its
 * parameter columns) or a run's (summary.csv, one point). A published point's key names parameters, and
 * {@code system} picks a system when a point has several.
 */
final class SimulatedCurves {
    /** One simulated point: its parameter values, each system's summary (metric/stat -> mean over replications). */
    private record Point(int index, Map<String, String> parameters, Map<String, Map<String, Double>> systems) {
    }

    private final Path dir;
    private final Path table;
    private final List<String> parameters;
    private final List<Point> points;
    private final boolean sweep;

    private SimulatedCurves(Path dir, Path table, List<String> parameters, List<Point> points, boolean sweep) {
        this.dir = dir;
        this.table = table;
        this.parameters = parameters;
        this.points = points;
        this.sweep = sweep;
    }

    static SimulatedCurves read(Path dir) throws ScenarioException, IOException {
        Path sweepCsv = dir.resolve("sweep.csv");
        if (Files.isRegularFile(sweepCsv)) {
            return readSweep(dir, sweepCsv);
        }
        Path summary = dir.resolve("summary.csv");
        if (Files.isRegularFile(summary)) {
            return readRun(dir, summary);
        }
        throw new ScenarioException(dir + ": neither sweep.csv nor summary.csv (is it the output of 'fabricsim sweep' or 'run'?)");
    }

    private static SimulatedCurves readSweep(Path dir, Path file) throws ScenarioException, IOException {
        List<String> header = null;
        Map<Integer, Point> byIndex = new LinkedHashMap<>();
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).with(CsvSchema.emptySchema())
                .readValues(file.toFile())) {
            int line = 0;
            List<String> params = List.of();
            while (it.hasNext()) {
                String[] row = it.next();
                line++;
                if (header == null) {
                    header = List.of(row);
                    int system = header.indexOf("system");
                    if (!"point".equals(header.get(0)) || system < 1
                            || !header.subList(system, header.size()).equals(SweepPlan.FIXED_COLUMNS)) {
                        throw new ScenarioException(file + ":1: not a sweep.csv (expected point, the parameters, "
                                + String.join(", ", SweepPlan.FIXED_COLUMNS) + ")");
                    }
                    params = header.subList(1, system);
                    continue;
                }
                if (row.length != header.size()) {
                    throw new ScenarioException(file + ":" + line + ": " + row.length + " cells, the header has " + header.size());
                }
                int index = parseInt(file, line, row[0]);
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < params.size(); i++) {
                    values.put(params.get(i), row[1 + i]);
                }
                int s = 1 + params.size();
                Point p = byIndex.computeIfAbsent(index, k -> new Point(k, values, new LinkedHashMap<>()));
                p.systems().computeIfAbsent(row[s], k -> new LinkedHashMap<>())
                        .put(row[s + 1] + "/" + row[s + 2], parseDouble(file, line, row[s + 3]));
            }
            if (header == null || byIndex.isEmpty()) {
                throw new ScenarioException(file + ": no rows");
            }
            return new SimulatedCurves(dir, file, params, new ArrayList<>(byIndex.values()), true);
        } catch (RuntimeJsonMappingException e) {
            throw new ScenarioException(file + ": malformed CSV: " + e.getMessage());
        }
    }

    private static SimulatedCurves readRun(Path dir, Path file) throws ScenarioException, IOException {
        Map<String, Map<String, Double>> systems = new LinkedHashMap<>();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            int line = 1;
            while (it.hasNext()) {
                Map<String, String> row = it.next();
                line++;
                if (row.get("system") == null || row.get("metric") == null || row.get("stat") == null || row.get("value") == null) {
                    throw new ScenarioException(file + ":" + line + ": expected columns system,metric,stat,value,unit");
                }
                systems.computeIfAbsent(row.get("system"), k -> new LinkedHashMap<>())
                        .put(row.get("metric") + "/" + row.get("stat"), parseDouble(file, line, row.get("value")));
            }
        } catch (RuntimeJsonMappingException e) {
            throw new ScenarioException(file + ": malformed CSV: " + e.getMessage());
        }
        if (systems.isEmpty()) {
            throw new ScenarioException(file + ": no rows");
        }
        return new SimulatedCurves(dir, file, List.of(), List.of(new Point(0, Map.of(), systems)), false);
    }

    /** The simulated figure (SI units) for a published point; bad input when no single point or system matches. */
    double simulated(PublishedPoint p, Path curves) throws ScenarioException, IOException {
        String at = curves + ":" + p.line() + ": ";
        for (String column : p.key().keySet()) {
            if (!column.equals("system") && !parameters.contains(column)) {
                throw new ScenarioException(at + "column '" + column + "' is no parameter of " + table + " (parameters: "
                        + (parameters.isEmpty() ? "none, a run" : String.join(", ", parameters)) + "; or 'system')");
            }
        }
        List<Point> matches = new ArrayList<>();
        for (Point pt : points) {
            boolean all = true;
            for (var e : p.key().entrySet()) {
                if (!e.getKey().equals("system") && !same(e.getValue(), pt.parameters().get(e.getKey()))) {
                    all = false;
                }
            }
            if (all) {
                matches.add(pt);
            }
        }
        if (matches.size() != 1) {
            throw new ScenarioException(at + p.dataset() + " " + p.key() + ": " + (matches.isEmpty() ? "no" : matches.size())
                    + " simulated points of " + table + " match" + (matches.isEmpty() ? "; was the sweep run with these values?"
                    : "; add columns naming the other parameters"));
        }
        Point pt = matches.get(0);
        String system = p.key().get("system");
        Map<String, Double> summary;
        if (system != null) {
            summary = pt.systems().get(system);
            if (summary == null) {
                throw new ScenarioException(at + "system '" + system + "' is not in " + table + " (systems: "
                        + String.join(", ", pt.systems().keySet()) + ")");
            }
        } else if (pt.systems().size() == 1) {
            summary = pt.systems().values().iterator().next();
        } else {
            throw new ScenarioException(at + table + " has systems " + String.join(", ", pt.systems().keySet())
                    + "; add a 'system' column");
        }
        boolean perOutputToken = p.metric() == CurveMetric.TOK_S_USER_E2E || p.metric() == CurveMetric.TOK_S_USER_BATCH;
        double outputTokens = perOutputToken ? outputTokens(pt, at) : Double.NaN;
        OptionalDouble v = p.metric().simulated(summary, outputTokens);
        if (v.isEmpty()) {
            throw new ScenarioException(at + table + " lacks what " + p.metric().key() + " needs at " + p.key());
        }
        return v.getAsDouble();
    }

    /** A point's fixed output length, from the scenario it ran. */
    private double outputTokens(Point pt, String at) throws ScenarioException, IOException {
        Path yaml = (sweep ? dir.resolve("points").resolve(String.format("p%04d", pt.index())) : dir)
                .resolve("scenario.resolved.yaml");
        if (!Files.isRegularFile(yaml)) {
            throw new ScenarioException(at + yaml + ": missing; tok_s_user_e2e and tok_s_user_batch need the scenario's output_tokens");
        }
        JsonNode n = new YAMLMapper().readTree(yaml.toFile()).path("workload").path("output_tokens");
        if (!n.isNumber()) {
            throw new ScenarioException(at + yaml + ": workload.output_tokens is not a fixed number; tok_s_user_e2e and"
                    + " tok_s_user_batch need one");
        }
        return n.asDouble();
    }

    /** Equal as numbers when both are numbers (8 = 8.0), else as text. */
    private static boolean same(String published, String simulated) {
        if (simulated == null) {
            return false;
        }
        try {
            return Double.parseDouble(published) == Double.parseDouble(simulated);
        } catch (NumberFormatException e) {
            return published.equals(simulated);
        }
    }

    private static int parseInt(Path file, int line, String v) throws ScenarioException {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ScenarioException(file + ":" + line + ": point '" + v + "' is not an integer");
        }
    }

    private static double parseDouble(Path file, int line, String v) throws ScenarioException {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new ScenarioException(file + ":" + line + ": value '" + v + "' is not a number");
        }
    }
}
