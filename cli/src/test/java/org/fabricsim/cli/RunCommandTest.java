package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    @TempDir
    Path tmp;

    private Path scenario(String text) throws IOException {
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void run_writesTheOutputContract() throws Exception {
        Path out = tmp.resolve("out");
        var r = CliTestSupport.run("run", scenario(ScenarioLoaderTest.GOOD).toString(), "--out", out.toString(), "-q");
        assertEquals(0, r.exit(), r.err());
        assertEquals("system,replication,request_id,token_index,arrival_s,emit_s,latency_s",
                Files.readAllLines(out.resolve("tokens.csv")).get(0));
        assertEquals("system,replication,request_id,arrival_s,prompt_tokens,output_tokens,ttft_s,tpot_s,e2e_s,"
                + "output_tokens_per_s", Files.readAllLines(out.resolve("requests.csv")).get(0));
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals("system,metric,stat,value,unit", summary.get(0));
        // every metric x 7 stats for one system
        assertEquals(1 + org.fabricsim.results.Metric.values().length * 7, summary.size());
        assertEquals(3 * 4 + 1, Files.readAllLines(out.resolve("tokens.csv")).size());
        JsonNode json = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(3, json.at("/systems/r/ttft_s/count").asInt());
        assertTrue(Files.readString(out.resolve("scenario.resolved.yaml")).contains("kind: roofline"));
    }

    @Test
    void run_replications_writesReplicationsCsv_replicationZeroIsTheOneReplicationRun() throws Exception {
        String poisson = ScenarioLoaderTest.GOOD.replace("source: closed", "source: poisson\n  rate_per_s: 50")
                .replace("requests: 3", "requests: 20");
        Path three = tmp.resolve("three");
        Path one = tmp.resolve("one");
        var r3 = CliTestSupport.run("run", scenario(poisson.replace("name: t\n", "name: t\nreplications: 3\n")).toString(),
                "--out", three.toString(), "-q");
        assertEquals(0, r3.exit(), r3.err());
        var r1 = CliTestSupport.run("run", scenario(poisson).toString(), "--out", one.toString(), "-q");
        assertEquals(0, r1.exit(), r1.err());
        List<String> reps = Files.readAllLines(three.resolve("replications.csv"));
        assertEquals("system,replication,metric,stat,value,unit", reps.get(0));
        java.util.Set<String> seen = new java.util.TreeSet<>();
        List<String> zero = new java.util.ArrayList<>();
        for (String row : reps.subList(1, reps.size())) {
            String[] c = row.split(",", 3);
            seen.add(c[1]);
            if (c[1].equals("0")) {
                zero.add(c[0] + "," + c[2]);
            }
        }
        assertEquals(java.util.Set.of("0", "1", "2"), seen);
        // replication 0 draws from the same stream whatever the count, so its rows are the single run's summary
        List<String> single = Files.readAllLines(one.resolve("summary.csv"));
        assertEquals(single.subList(1, single.size()), zero);
    }

    @Test
    void run_longSystemName_isWrittenBareLikeAShortOne_inEveryCsv() throws Exception {
        Path out = tmp.resolve("out");
        String name = "wse3-launch-stack-colocated"; // 27 characters: Jackson quotes > 24 unless asked not to
        var r = CliTestSupport.run("run", scenario(ScenarioLoaderTest.GOOD.replace("name: r", "name: " + name)).toString(),
                "--out", out.toString(), "-q");
        assertEquals(0, r.exit(), r.err());
        for (String f : List.of("tokens.csv", "requests.csv", "summary.csv")) {
            String row = Files.readAllLines(out.resolve(f)).get(1);
            assertTrue(row.startsWith(name + ","), f + ": " + row);
        }
    }

    @Test
    void run_sameSeed_byteIdenticalOutputs_otherSeedDiffers() throws Exception {
        String poisson = ScenarioLoaderTest.GOOD.replace("source: closed", "source: poisson\n  rate_per_s: 50")
                .replace("requests: 3", "requests: 40");
        Path s = scenario(poisson);
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Path c = tmp.resolve("c");
        assertEquals(0, CliTestSupport.run("run", s.toString(), "--out", a.toString(), "-q").exit());
        assertEquals(0, CliTestSupport.run("run", s.toString(), "--out", b.toString(), "-q").exit());
        assertEquals(0, CliTestSupport.run("run", s.toString(), "--out", c.toString(), "--seed", "2", "-q").exit());
        for (String f : List.of("tokens.csv", "requests.csv", "summary.csv", "summary.json", "scenario.resolved.yaml")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        assertFalse(Files.readString(a.resolve("tokens.csv")).equals(Files.readString(c.resolve("tokens.csv"))));
    }

    @Test
    void run_systemsOnSeveralThreads_byteIdenticalToOneAtATime() throws Exception {
        // systems of different speeds (one finishes long before the others) over two replications
        Path s = scenario("""
                name: jobs
                replications: 2
                workload:
                  source: closed
                  users: 2
                  requests: 6
                  prompt_tokens: 64
                  output_tokens: 8
                systems:
                  - {kind: gpu, name: graphs, model: llama-3.1-8b, gpu: h100, cuda_graphs: true, serving: {batch_limit: 2}}
                  - {kind: gpu, name: eager, model: llama-3.1-8b, gpu: h100, cuda_graphs: false, serving: {batch_limit: 1}}
                  - kind: roofline
                    name: r
                    model: llama-3.1-8b
                    memory_bandwidth_bytes_per_s: 3.35TB/s
                    step_overhead_s: 2us
                    memory_bytes: 80GB
                """);
        Path one = tmp.resolve("one");
        Path three = tmp.resolve("three");
        assertEquals(0, CliTestSupport.run("run", s.toString(), "--out", one.toString(), "--jobs", "1", "-q").exit());
        assertEquals(0, CliTestSupport.run("run", s.toString(), "--out", three.toString(), "--jobs", "3", "-q").exit());
        for (String f : List.of("tokens.csv", "requests.csv", "summary.csv", "summary.json", "utilization.csv")) {
            assertArrayEquals(Files.readAllBytes(one.resolve(f)), Files.readAllBytes(three.resolve(f)), f);
        }
        assertEquals(2, CliTestSupport.run("run", s.toString(), "--jobs", "0", "-q").exit());
    }

    @Test
    void badInput_exits2_keepsEarlierOutput() throws Exception {
        Path out = tmp.resolve("out");
        assertEquals(0, CliTestSupport.run("run", scenario(ScenarioLoaderTest.GOOD).toString(), "--out", out.toString(),
                "-q").exit());
        byte[] before = Files.readAllBytes(out.resolve("tokens.csv"));
        var r = CliTestSupport.run("run", scenario(ScenarioLoaderTest.GOOD.replace("80GB", "8GB")).toString(), "--out",
                out.toString(), "-q");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("short by"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace for bad input: " + r.err());
        assertArrayEquals(before, Files.readAllBytes(out.resolve("tokens.csv")));
    }

    @Test
    void missingFile_andUnknownOption_exit2() {
        assertEquals(2, CliTestSupport.run("run", tmp.resolve("nope.yaml").toString()).exit());
        assertEquals(2, CliTestSupport.run("run", "--bogus").exit());
    }

    @Test
    void models_listsTheCatalog() {
        var r = CliTestSupport.run("models");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("kimi-k2.6") && r.out().contains("llama-3.1-405b"), r.out());
    }

    @Test
    void describe_reportsWeightsAndKvBudget() throws Exception {
        var r = CliTestSupport.run("describe", scenario(ScenarioLoaderTest.GOOD).toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("KV cache") && r.out().contains("tokens"), r.out());
    }

    @Test
    void corruptTraceLine_exits2BeforeAnyOutput_naming_fileAndLine() throws Exception {
        Path trace = tmp.resolve("t.csv");
        Files.writeString(trace, "TIMESTAMP,ContextTokens,GeneratedTokens\n"
                + "2023-11-16 18:15:46.6805900,374,44\n2023-11-16 18:15:47.0000000,abc,10\n");
        String text = ScenarioLoaderTest.GOOD.replace("""
                  source: closed
                  requests: 3
                  prompt_tokens: 16
                  output_tokens: 4
                """, """
                  source: trace
                  trace: {path: t.csv, format: azure}
                """);
        Path out = tmp.resolve("out");
        var r = CliTestSupport.run("run", scenario(text).toString(), "--out", out.toString(), "-q");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("t.csv:3"), r.err());
        assertFalse(Files.exists(out));
        assertEquals(2, CliTestSupport.run("validate", scenario(text).toString()).exit());
    }
}
