package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fabricsim.results.OutputDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {
    /** Two axes of 2 values, 3 replications: 4 points of a closed workload of 3 short requests. */
    static final String SWEEP = """
            name: tiny
            base: base.yaml
            replications: 3
            axes:
              - path: systems[0].serving.batch_limit
                values: [1, 2]
              - path: workload.output_tokens
                values: [4, 8]
            """;

    @TempDir
    Path tmp;

    Path sweepFile(String text) throws IOException {
        Files.writeString(tmp.resolve("base.yaml"), ScenarioLoaderTest.GOOD);
        Path f = tmp.resolve("sweep.yaml");
        Files.writeString(f, text);
        return f;
    }

    private CliTestSupport.Result sweep(Path file, Path out, String jobs) {
        return CliTestSupport.run("sweep", file.toString(), "--out", out.toString(), "--jobs", jobs, "-q");
    }

    @Test
    void sweep_aPointThatCannotBeDeployed_exits2_beforeItsDirectoryExists() throws Exception {
        // llama-2-70b's 138 GB of BF16 weights do not fit one H200's 127 GB usable (found by RunAndSweepFuzzTest)
        Path f = tmp.resolve("sweep.yaml");
        Files.writeString(f, """
                name: nofit
                base:
                  name: nofit
                  workload: {source: closed, requests: 2, prompt_tokens: 16, output_tokens: 2}
                  systems:
                    - {kind: gpu, name: h200, model: llama-2-70b, gpu: h200}
                axes:
                  - path: systems[0].gpu.hbm_bandwidth
                    values: [2.4TB/s, 4.8TB/s]
                """);
        Path parent = Files.createDirectory(tmp.resolve("o"));
        var r = sweep(f, parent.resolve("out"), "1");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains("sweep.yaml") && r.err().contains("does not fit"), r.err());
        try (var left = Files.list(parent)) {
            assertEquals(List.of(), left.toList(), "a refused sweep leaves nothing");
        }
    }

    @Test
    void sweep_baseWithAnAcceptedLengthDistribution_runs() throws Exception {
        // the unused acceptance rate (NaN) went into each point's YAML as .nan, which could not be read back
        Files.writeString(tmp.resolve("base.yaml"), ScenarioLoaderTest.GOOD.replace("serving: {batch_limit: 2}",
                "serving: {batch_limit: 2, speculative: {draft_tokens: 2, accepted_length_distribution: [0.2, 0.3, 0.5]}}"));
        Path f = tmp.resolve("sweep.yaml");
        Files.writeString(f, "name: dist\nbase: base.yaml\naxes:\n  - path: workload.output_tokens\n    values: [4, 8]\n");
        var r = sweep(f, tmp.resolve("out"), "1");
        assertEquals(0, r.exit(), r.err());
        String resolved = Files.readString(tmp.resolve("out/points/p0000/scenario.resolved.yaml"));
        assertTrue(resolved.contains("accepted_length_distribution") && !resolved.contains("nan"), resolved);
    }

    @Test
    void sweep_systemNameWithACommaAndAQuote_isOneSystemInSweepCsv() throws Exception {
        // sweep.csv is gathered by reading each point's replications.csv, which quotes the name
        Files.writeString(tmp.resolve("base.yaml"), ScenarioLoaderTest.GOOD.replace("name: r", "name: '\"r\", one'"));
        Path f = tmp.resolve("sweep.yaml");
        Files.writeString(f, "name: q\nbase: base.yaml\naxes:\n  - path: workload.output_tokens\n    values: [2, 3]\n");
        var r = sweep(f, tmp.resolve("out"), "1");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = Files.readAllLines(tmp.resolve("out/sweep.csv"));
        assertTrue(lines.size() > 1 && lines.stream().skip(1).allMatch(l -> l.contains(",\"\"\"r\"\", one\",")),
                String.join("\n", lines));
    }

    @Test
    void sweep_oneJobOrMany_byteIdenticalSweepCsv() throws Exception {
        Path f = sweepFile(SWEEP);
        var one = sweep(f, tmp.resolve("one"), "1");
        var three = sweep(f, tmp.resolve("three"), "3");
        assertEquals(0, one.exit(), one.err());
        assertEquals(0, three.exit(), three.err());
        assertArrayEquals(Files.readAllBytes(tmp.resolve("one/sweep.csv")), Files.readAllBytes(tmp.resolve("three/sweep.csv")));
    }

    @Test
    void sweep_writesPointDirectoriesAndTidyCsv() throws Exception {
        Path out = tmp.resolve("out");
        var r = sweep(sweepFile(SWEEP), out, "2");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = Files.readAllLines(out.resolve("sweep.csv"));
        assertEquals("point,batch_limit,output_tokens,system,metric,stat,mean,ci95_half_width,n,unit", lines.get(0));
        // 4 points x 1 system x every metric x 7 stats
        assertEquals(1 + 4 * org.fabricsim.results.Metric.values().length * 7, lines.size());
        // grid order: first axis slowest
        assertTrue(lines.get(1).startsWith("0,1,4,r,ttft_s,count,3.0,0.0,3,count"), lines.get(1));
        assertTrue(lines.get(lines.size() - 1).startsWith("3,2,8,r,"), lines.get(lines.size() - 1));
        for (String p : List.of("p0000", "p0001", "p0002", "p0003")) {
            for (String file : List.of("tokens.csv", "requests.csv", "summary.csv", "summary.json", "utilization.csv",
                    "replications.csv", "point.json", "scenario.resolved.yaml")) {
                assertTrue(Files.isRegularFile(out.resolve("points").resolve(p).resolve(file)), p + "/" + file);
            }
        }
        // the axis value reached the scenario that ran: point 3 has batch_limit 2 and 8 output tokens per request
        String yaml = Files.readString(out.resolve("points/p0003/scenario.resolved.yaml"));
        assertTrue(yaml.contains("batch_limit: 2"), yaml);
        // 3 replications x 3 requests x 8 tokens + header
        assertEquals(1 + 3 * 3 * 8, Files.readAllLines(out.resolve("points/p0003/tokens.csv")).size());
    }

    @Test
    void sweep_runAgain_skipsCompletePointsAndRerunsMissingOrChanged() throws Exception {
        Path f = sweepFile(SWEEP);
        Path out = tmp.resolve("out");
        assertEquals(0, sweep(f, out, "2").exit());
        byte[] before = Files.readAllBytes(out.resolve("sweep.csv"));
        Path p1 = out.resolve("points/p0001");
        long stamp = Files.getLastModifiedTime(out.resolve("points/p0000/tokens.csv")).toMillis();
        OutputDirectoryAccess.delete(p1);
        var r = CliTestSupport.run("sweep", f.toString(), "--out", out.toString(), "--jobs", "2");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("4 point(s), 1 to run, 3 already complete"), r.err());
        assertTrue(Files.isDirectory(p1));
        assertEquals(stamp, Files.getLastModifiedTime(out.resolve("points/p0000/tokens.csv")).toMillis());
        assertArrayEquals(before, Files.readAllBytes(out.resolve("sweep.csv")));
        // a changed sweep file (other seed) makes every point stale
        var changed = CliTestSupport.run("sweep", sweepFile(SWEEP.replace("replications: 3", "replications: 3\nseed: 9")).toString(),
                "--out", out.toString(), "--jobs", "2");
        assertTrue(changed.err().contains("4 to run, 0 already complete"), changed.err());
    }

    @Test
    void sweep_failingPoint_keepsFinishedPoints_andRerunRunsOnlyTheRest() throws Exception {
        // points 2 and 3 stop after 1 ns of simulated time, so their requests cannot complete
        String failing = SWEEP.replace("  - path: systems[0].serving.batch_limit", "  - path: stop_time_s\n    values: [1000, 1e-9]\n"
                + "  - path: systems[0].serving.batch_limit").replace("  - path: workload.output_tokens\n    values: [4, 8]\n", "");
        Path out = tmp.resolve("out");
        var r = sweep(sweepFile(failing), out, "1");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains("sweep.yaml: point 2 (stop_time_s=1.0E-9, batch_limit=1)"), r.err());
        assertTrue(r.err().contains("did not complete"), r.err());
        assertTrue(Files.isRegularFile(out.resolve("points/p0000/replications.csv")));
        assertTrue(Files.isRegularFile(out.resolve("points/p0001/replications.csv")));
        assertFalse(Files.exists(out.resolve("points/p0002")));
        var fixed = CliTestSupport.run("sweep", sweepFile(failing.replace("1e-9", "2000")).toString(), "--out", out.toString());
        assertEquals(0, fixed.exit(), fixed.err());
        assertTrue(fixed.err().contains("4 point(s), 2 to run, 2 already complete"), fixed.err());
    }

    @Test
    void sweep_unknownIntermediateKey_namesAxisWithDidYouMean() throws Exception {
        var r = sweep(sweepFile(SWEEP.replace("workload.output_tokens", "workloads.output_tokens")), tmp.resolve("o"), "1");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("axes[1] (workloads.output_tokens): no key 'workloads'"), r.err());
        assertTrue(r.err().contains("did you mean 'workload'?"), r.err());
    }

    @Test
    void sweep_misspeltLastKey_namesAxisWithDidYouMean() throws Exception {
        var r = sweep(sweepFile(SWEEP.replace("workload.output_tokens", "workload.output_token")), tmp.resolve("o"), "1");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("axes[1] (workload.output_token)"), r.err());
        assertTrue(r.err().contains("unknown key 'output_token' (did you mean 'output_tokens'?)"), r.err());
    }

    @Test
    void sweep_indexBeyondList_isAnError() throws Exception {
        var r = sweep(sweepFile(SWEEP.replace("systems[0]", "systems[2]")), tmp.resolve("o"), "1");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("'systems' has no element [2] (it has 1)"), r.err());
    }

    @Test
    void everyElementIndex_setsTheKeyInEverySystem_andOnlyThere() throws Exception {
        var tree = (ObjectNode) new ObjectMapper().readTree(
                "{\"systems\": [{\"serving\": {\"token_budget\": 512}}, {\"serving\": {\"token_budget\": 512}}],"
                        + " \"workload\": {\"users\": 2}}");
        var value = IntNode.valueOf(16);
        SweepLoader.set(tree, SweepLoader.parsePath("systems[*].serving.token_budget", "t"), value, "t");
        assertEquals(16, tree.at("/systems/0/serving/token_budget").asInt());
        assertEquals(16, tree.at("/systems/1/serving/token_budget").asInt());
        assertEquals(2, tree.at("/workload/users").asInt());
        var missing = assertThrows(ScenarioException.class, () -> SweepLoader.set(tree,
                SweepLoader.parsePath("systems[*].serving.tokens.x", "t"), value, "t"));
        assertTrue(missing.getMessage().contains("no key 'tokens' under 'systems[0].serving'"), missing.getMessage());
    }

    @Test
    void sweep_invalidValueAtAPoint_namesThePointAndField() throws Exception {
        var r = sweep(sweepFile(SWEEP.replace("values: [1, 2]", "values: [1, 0]")), tmp.resolve("o"), "1");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("point 2 (batch_limit=0, output_tokens=4)"), r.err());
        assertTrue(r.err().contains("batch_limit"), r.err());
        assertFalse(Files.exists(tmp.resolve("o")));
    }

    @Test
    void sweep_sweepFileTypo_namesFileAndKey() throws Exception {
        var r = sweep(sweepFile(SWEEP.replace("replications:", "replication:")), tmp.resolve("o"), "1");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("sweep.yaml:"), r.err());
        assertTrue(r.err().contains("did you mean 'replications'?"), r.err());
    }

    @Test
    void sweep_inlineBase_sameAsBaseFile() throws Exception {
        String inline = "base:\n" + ScenarioLoaderTest.GOOD.indent(2) + SWEEP.substring(SWEEP.indexOf("replications:"));
        Path f = sweepFile(SWEEP);
        Path g = tmp.resolve("inline.yaml");
        Files.writeString(g, "name: tiny\n" + inline);
        var fromFile = sweep(f, tmp.resolve("file"), "2");
        assertEquals(0, fromFile.exit(), fromFile.err());
        var r = sweep(g, tmp.resolve("inline"), "2");
        assertEquals(0, r.exit(), r.err());
        assertArrayEquals(Files.readAllBytes(tmp.resolve("file/sweep.csv")), Files.readAllBytes(tmp.resolve("inline/sweep.csv")));
    }

    @Test
    void sweep_unknownEngine_listsEngines() throws Exception {
        var r = CliTestSupport.run("sweep", sweepFile(SWEEP).toString(), "--engine", "spark", "--out", tmp.resolve("o").toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("unknown engine 'spark'; available: local"), r.err());
    }

    /** Deletes a directory tree (OutputDirectory's helper is package-private in results). */
    static final class OutputDirectoryAccess {
        static void delete(Path dir) throws IOException {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
            assertFalse(Files.exists(dir));
            OutputDirectory.recover(dir);
        }
    }
}
