package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fabricsim search: the front it writes is exactly the non-dominated candidates; it resumes; it needs an slo. */
class SearchCommandTest {
    @TempDir
    Path tmp;

    private static final String SEARCH = """
            name: roof
            objective: goodput_per_chip
            base:
              name: roof
              %s
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

    /** Rows of a CSV file as column lists, header first. */
    private static List<List<String>> csv(Path f) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(f)) {
            rows.add(List.of(line.split(",")));
        }
        return rows;
    }

    @Test
    void theFrontIsTheNonDominatedCandidatesAndARerunRunsNothing() throws Exception {
        Path file = tmp.resolve("search.yaml");
        Files.writeString(file, SEARCH.formatted("slo: {ttft_p99_s: 200ms, tpot_p99_s: 10ms}"));
        Path out = tmp.resolve("out");
        CliTestSupport.Result r = CliTestSupport.run("search", file.toString(), "--out", out.toString(), "--jobs", "1");
        assertEquals(0, r.exit(), r.err());
        List<List<String>> all = csv(out.resolve("candidates.csv"));
        List<List<String>> front = csv(out.resolve("pareto.csv"));
        int obj = all.get(0).indexOf("objective_value");
        int speed = all.get(0).indexOf("output_tokens_per_s_p50");
        assertEquals(1 + 8, all.size());
        assertFalse(front.size() < 2, "an empty front: " + front);
        for (List<String> c : all.subList(1, all.size())) {
            double a = Double.parseDouble(c.get(obj));
            double b = Double.parseDouble(c.get(speed));
            boolean dominated = false;
            for (List<String> d : all.subList(1, all.size())) {
                double da = Double.parseDouble(d.get(obj));
                double db = Double.parseDouble(d.get(speed));
                dominated |= da >= a && db >= b && (da > a || db > b);
            }
            boolean onFront = front.stream().anyMatch(f -> f.get(0).equals(c.get(0)));
            assertEquals(!dominated, onFront, "point " + c.get(0));
        }
        assertTrue(Files.isRegularFile(out.resolve("figures").resolve("pareto.png")));
        CliTestSupport.Result again = CliTestSupport.run("search", file.toString(), "--out", out.toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.err().contains("0 to run, 8 already complete"), again.err());
    }

    @Test
    void aSearchWithoutAnSloOrObjectiveIsRefusedBeforeSimulating() throws Exception {
        Path file = tmp.resolve("noslo.yaml");
        Files.writeString(file, SEARCH.formatted("seed: 1"));
        CliTestSupport.Result r = CliTestSupport.run("search", file.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("a search needs the scenario's slo"), r.err());
        assertFalse(Files.exists(tmp.resolve("o")));
        Files.writeString(file, SEARCH.formatted("slo: {ttft_p99_s: 1s}").replace("goodput_per_chip", "speed"));
        r = CliTestSupport.run("search", file.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("objective: must be one of goodput_per_chip"), r.err());
    }

    @Test
    void validateReadsASearchFileAsASearch() throws Exception {
        Path file = tmp.resolve("v.yaml");
        Files.writeString(file, SEARCH.formatted("slo: {ttft_p99_s: 1s}"));
        CliTestSupport.Result r = CliTestSupport.run("validate", file.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("ok (search, 8 point(s), objective goodput_per_chip)"), r.out());
        Files.writeString(file, SEARCH.formatted("seed: 2"));
        r = CliTestSupport.run("validate", file.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("a search needs the scenario's slo"), r.err());
    }
}
