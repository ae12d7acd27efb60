package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Successive halving: its schedule, whom it keeps, and that its last rung is the grid's run of the same points. */
class SuccessiveHalvingTest {
    @TempDir
    Path tmp;

    private static final String SEARCH = """
            name: roof
            objective: goodput_per_chip
            %s
            base:
              name: roof
              slo: {ttft_p99_s: 200ms, tpot_p99_s: 10ms}
              workload: {source: closed, users: 4, requests: 8, prompt_tokens: 64, output_tokens: 8}
              systems:
                - kind: roofline
                  name: r
                  model: llama-3.1-8b
                  serving: {batch_limit: 1}
            axes:
              - path: systems[0].replicas
                values: [1, 2]
              - path: systems[0].serving.batch_limit
                values: [1, 4]
              - path: systems[0].memory_bandwidth_bytes_per_s
                values: [2TB/s, 4TB/s]
            """;

    @Test
    void eachRungKeepsATenthOfThePointsForEtaTenAndTheLastRunsTheFullCount() {
        SuccessiveHalving sh = new SuccessiveHalving(10, 3);
        assertEquals(List.of(1000, 100, 10), List.of(sh.points(1000, 0), sh.points(1000, 1), sh.points(1000, 2)));
        assertEquals(List.of(5, 50, 500), List.of(sh.requests(500, 0), sh.requests(500, 1), sh.requests(500, 2)));
        // never below one point or one request
        assertEquals(1, sh.points(3, 2));
        assertEquals(1, sh.requests(7, 0));
        assertThrows(IllegalArgumentException.class, () -> new SuccessiveHalving(1, 3));
        assertThrows(IllegalArgumentException.class, () -> new SuccessiveHalving(3, 1));
    }

    private static SearchFront.Candidate c(int point, String system, double objective, double speed) {
        return new SearchFront.Candidate(point, List.of(), 0, 8, system, 1, objective, objective, speed, 0, 0);
    }

    @Test
    void survivorsGoByNonDominatedRankThenObjectiveAndAPointTakesItsBestSystem() {
        List<SearchFront.Candidate> scored = List.of(
                c(0, "a", 1, 1),     // beaten by point 4: rank 2
                c(1, "a", 5, 1),     // front
                c(2, "a", 1, 5),     // front, the worst objective on it
                c(3, "a", 0.5, 0.5), // rank 3
                c(3, "b", 6, 0.5),   // front with the best objective: point 3 takes this rank
                c(4, "a", 2, 2));    // front
        assertEquals(List.of(3, 1, 4), SuccessiveHalving.survivors(scored, 3));
        assertEquals(List.of(3, 1, 4, 2, 0), SuccessiveHalving.survivors(scored, 10));
    }

    private static List<Map<String, String>> csv(Path f) throws Exception {
        List<String> lines = Files.readAllLines(f);
        String[] head = lines.get(0).split(",");
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",");
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < head.length; i++) {
                row.put(head[i], v[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    @Test
    void rungsShrinkByEtaAndTheLastRungScoresAsTheGridDoesOnTheFullCount() throws Exception {
        Path halving = tmp.resolve("halving.yaml");
        Files.writeString(halving, SEARCH.formatted("strategy: {kind: successive_halving, eta: 2, rungs: 3}"));
        Path out = tmp.resolve("sh");
        CliTestSupport.Result r = CliTestSupport.run("search", halving.toString(), "--out", out.toString(), "--jobs", "1");
        assertEquals(0, r.exit(), r.err());
        // 8 points on 2 requests, 4 on 4, 2 on the base's 8
        int[] expected = {8, 4, 2};
        for (int k = 0; k < 3; k++) {
            Path rung = out.resolve("rungs").resolve("rung-" + k).resolve("points");
            try (var points = Files.list(rung)) {
                assertEquals(expected[k], points.count(), "rung " + k);
            }
        }
        List<Map<String, String>> all = csv(out.resolve("candidates.csv"));
        assertEquals(8, all.size());
        Map<String, Integer> rungOf = new HashMap<>();
        for (Map<String, String> row : all) {
            rungOf.put(row.get("point"), Integer.parseInt(row.get("rung")));
            assertEquals(2 << Integer.parseInt(row.get("rung")), Integer.parseInt(row.get("requests")), row.toString());
        }
        assertEquals(List.of(4, 2, 2), List.of(rungOf.values().stream().filter(k -> k == 0).toList().size(),
                rungOf.values().stream().filter(k -> k == 1).toList().size(),
                rungOf.values().stream().filter(k -> k == 2).toList().size()));
        List<Map<String, String>> front = csv(out.resolve("pareto.csv"));
        assertTrue(!front.isEmpty() && front.stream().allMatch(f -> f.get("rung").equals("2")), front.toString());

        // the grid search of the same file runs every point on the full count: the last rung's points score the same
        Path grid = tmp.resolve("grid.yaml");
        Files.writeString(grid, SEARCH.formatted(""));
        Path gridOut = tmp.resolve("grid");
        r = CliTestSupport.run("search", grid.toString(), "--out", gridOut.toString(), "--jobs", "1", "-q");
        assertEquals(0, r.exit(), r.err());
        Map<String, String> gridObjective = new HashMap<>();
        for (Map<String, String> row : csv(gridOut.resolve("candidates.csv"))) {
            gridObjective.put(row.get("point"), row.get("objective_value") + "/" + row.get("output_tokens_per_s_p50"));
        }
        Set<String> finalists = new HashSet<>();
        for (Map<String, String> row : all) {
            if (row.get("rung").equals("2")) {
                finalists.add(row.get("point"));
                assertEquals(gridObjective.get(row.get("point")),
                        row.get("objective_value") + "/" + row.get("output_tokens_per_s_p50"), row.toString());
            }
        }
        assertEquals(2, finalists.size());

        CliTestSupport.Result again = CliTestSupport.run("search", halving.toString(), "--out", out.toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.err().contains("0 to run, 2 already complete"), again.err());
    }

    @Test
    void aBadStrategyIsRefusedNamingTheKey() throws Exception {
        Path f = tmp.resolve("bad.yaml");
        Files.writeString(f, SEARCH.formatted("strategy: {kind: successive_halving, eta: 1}"));
        CliTestSupport.Result r = CliTestSupport.run("validate", f.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("strategy.eta: must be in 2..16, got 1"), r.err());
        Files.writeString(f, SEARCH.formatted("strategy: random"));
        r = CliTestSupport.run("validate", f.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("strategy: must be grid or {kind: successive_halving"), r.err());
    }
}
