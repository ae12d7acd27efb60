package org.fabricsim.cli;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fabricsim.cli.sweep.SweepPlan;
import org.fabricsim.cli.sweep.SweepPoint;
import org.fabricsim.results.CsvFiles;
import org.fabricsim.results.Pareto;
import org.fabricsim.results.plot.ParetoFigure;
import org.fabricsim.workloads.serving.PlacementCache;
import org.fabricsim.workloads.serving.SystemConfig;

/**
 * A search's candidates (every system of every point, each at the last rung it ran in) scored from their pooled
 * summaries, and the Pareto front of those that ran in the last rung.
 */
record SearchFront(String name, List<String> parameters, SearchObjective objective, List<Candidate> candidates,
        List<Candidate> front) {

    /**
     * One deployment: a grid point's system at one rung, with the figures the front is drawn from.
     *
     * @param point    the point's index in the search's grid
     * @param values   its knob values, in axis order
     * @param rung     the rung it was scored at (0 for a grid search)
     * @param requests requests per replication it ran with
     */
    record Candidate(int point, List<String> values, int rung, int requests, String system, int chips,
            double objective, double goodput, double tokensPerSPerUser, double joulesPerToken, double usdPerMToken) {
    }

    /** The front of a grid search: every point of the plan, run in {@code dir}. */
    static SearchFront of(SweepPlan plan, Path dir, SearchObjective objective) throws IOException, ScenarioException {
        int[] grid = java.util.stream.IntStream.range(0, plan.points().size()).toArray();
        List<Candidate> all = score(plan, grid, dir, objective, 0);
        return new SearchFront(plan.name(), plan.parameters(), objective, all, front(all));
    }

    /**
     * Scores the points of a plan run in {@code dir}; point i of the plan is point {@code gridIndex[i]} of the search's
     * grid.
     */
    static List<Candidate> score(SweepPlan plan, int[] gridIndex, Path dir, SearchObjective objective, int rung)
            throws IOException, ScenarioException {
        List<Candidate> all = new ArrayList<>();
        PlacementCache placements = new PlacementCache(2); // points that differ in serving alone place alike
        for (SweepPoint p : plan.points()) {
            Scenario s = SweepLoader.bindPoint(p);
            int requests = ScenarioRunner.requestsPerReplication(s);
            Map<String, Double> v = pooledMeans(SweepPlan.pointDir(dir, p).resolve("summary.csv"));
            for (SystemConfig c : s.systems()) {
                String n = c.name();
                int chips = c.chips(ScenarioRunner.model(c), ScenarioRunner.draft(c), placements);
                double goodput = v.getOrDefault(n + "/goodput_requests_per_s/mean", Double.NaN);
                double joules = v.getOrDefault(n + "/joules_per_output_token/mean", Double.NaN);
                double usd = v.getOrDefault(n + "/cost_per_million_output_tokens/mean", Double.NaN);
                double throughput = v.getOrDefault(n + "/throughput_tokens_per_s/mean", Double.NaN);
                all.add(new Candidate(gridIndex[p.index()], p.values(), rung, requests, n, chips,
                        objective.value(goodput, chips, joules, throughput, usd), goodput,
                        v.getOrDefault(n + "/output_tokens_per_s/p50", Double.NaN), joules, usd));
            }
        }
        return all;
    }

    /** The candidates no other beats on both the objective and tokens/s per user, slowest per user first. */
    static List<Candidate> front(List<Candidate> candidates) {
        double[] a = candidates.stream().mapToDouble(Candidate::objective).toArray();
        double[] b = candidates.stream().mapToDouble(Candidate::tokensPerSPerUser).toArray();
        List<Candidate> front = new ArrayList<>();
        for (int i : Pareto.front(a, b)) {
            front.add(candidates.get(i));
        }
        front.sort((x, y) -> Double.compare(x.tokensPerSPerUser(), y.tokensPerSPerUser()));
        return List.copyOf(front);
    }

    /** summary.csv as system/metric/stat -> value. */
    private static Map<String, Double> pooledMeans(Path summary) throws IOException {
        CsvMapper m = new CsvMapper();
        m.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        Map<String, Double> v = new HashMap<>();
        try (MappingIterator<String[]> it = m.readerFor(String[].class).readValues(summary.toFile())) {
            boolean header = true;
            while (it.hasNext()) {
                String[] r = it.next();
                if (header) {
                    header = false;
                    continue;
                }
                v.put(r[0] + "/" + r[1] + "/" + r[2], r[3].isEmpty() ? Double.NaN : Double.parseDouble(r[3]));
            }
        }
        return v;
    }

    /**
     * Writes pareto.csv (the front, slowest per user first), candidates.csv (all) and figures/pareto.{png,svg}; each CSV
     * through a partial file renamed into place, so a kill mid-write leaves the previous file or none.
     */
    void write(Path dir) throws IOException {
        write(dir.resolve("pareto.csv"), front);
        write(dir.resolve("candidates.csv"), candidates);
        Files.createDirectories(dir.resolve("figures"));
        ParetoFigure.save(dir.resolve("figures").resolve("pareto"), name + ": " + objective.key()
                + " against tokens/s per user", "tokens/s per user (p50)", objective.key() + " (" + objective.unit() + ")",
                candidates.stream().mapToDouble(Candidate::tokensPerSPerUser).toArray(),
                candidates.stream().mapToDouble(Candidate::objective).toArray(),
                front.stream().mapToDouble(Candidate::tokensPerSPerUser).toArray(),
                front.stream().mapToDouble(Candidate::objective).toArray());
    }

    private void write(Path file, List<Candidate> rows) throws IOException {
        CsvSchema.Builder b = CsvSchema.builder().setUseHeader(true).addColumn("point");
        parameters.forEach(b::addColumn);
        for (String c : List.of("rung", "requests", "system", "chips", "objective", "objective_value", "objective_unit",
                "goodput_requests_per_s", "output_tokens_per_s_p50", "joules_per_output_token",
                "cost_per_million_output_tokens")) {
            b.addColumn(c);
        }
        Path partial = file.resolveSibling("." + file.getFileName() + ".partial-" + ProcessHandle.current().pid());
        try (BufferedWriter w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
                SequenceWriter out = CsvFiles.mapper().writer(b.build()).writeValues(w)) {
            for (Candidate c : rows) {
                List<Object> row = new ArrayList<>();
                row.add(c.point());
                row.addAll(c.values());
                row.addAll(List.of(c.rung(), c.requests(), c.system(), c.chips(), objective.key(), c.objective(),
                        objective.unit(), c.goodput(), c.tokensPerSPerUser(), c.joulesPerToken(), c.usdPerMToken()));
                out.write(row.toArray());
            }
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
