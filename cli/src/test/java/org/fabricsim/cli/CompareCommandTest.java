package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
    @TempDir
    Path tmp;

    /** Two roofline servers differing only in memory bandwidth: batch-1 decode is memory-bound, so speed follows bandwidth. */
    @Test
    void compare_ratioOfMemoryBoundSystems_followsBandwidth() throws Exception {
        String second = """
                  - kind: roofline
                    name: double
                    model: llama-3.1-8b
                    memory_bandwidth_bytes_per_s: 6.7TB/s
                    memory_bytes: 80GB
                """;
        String text = ScenarioLoaderTest.GOOD.replace("step_overhead_s: 2us", "step_overhead_s: 0")
                .replace("serving: {batch_limit: 2}", "serving: {batch_limit: 1}")
                .replace("output_tokens: 4", "output_tokens: 50") + second;
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, text);
        Path out = tmp.resolve("out");
        assertEquals(0, CliTestSupport.run("run", f.toString(), "--out", out.toString(), "-q").exit());
        var r = CliTestSupport.run("compare", out.toString());
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines[1].startsWith("r "), r.out());
        String[] cols = lines[2].trim().split("\\s+");
        assertEquals("double", cols[0]);
        double ratio = Double.parseDouble(cols[cols.length - 1]);
        // bytes per decode step are weights + a little KV: the ratio is just under 2
        assertEquals(2.0, ratio, 0.05, r.out());
    }

    /** Speculation that always accepts both drafts: three tokens per step, so ITL p50 is 0 and the gap is one step. */
    @Test
    void runAndCompare_leadWithTheEmissionGap_underSpeculativeDecoding() throws Exception {
        String text = ScenarioLoaderTest.GOOD.replace("output_tokens: 4", "output_tokens: 31")
                .replace("serving: {batch_limit: 2}", "serving: {batch_limit: 1, speculative: {draft_tokens: 2,"
                        + " draft_layers: 1, accepted_length_distribution: [0, 0, 1]}}");
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, text);
        Path out = tmp.resolve("out");
        var run = CliTestSupport.run("run", f.toString(), "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        String[] lines = run.out().split("\n");
        assertTrue(lines[1].trim().startsWith("system") && lines[1].contains("gap p50 ms"), run.out());
        assertTrue(lines[1].indexOf("gap p50 ms") < lines[1].indexOf("itl p50 ms"), run.out());
        String[] row = lines[2].trim().split("\\s+");
        double gapMs = Double.parseDouble(row[1]);
        double itlMs = Double.parseDouble(row[3]);
        assertEquals(0.0, itlMs, run.out());
        assertTrue(gapMs > 1, run.out()); // a verify step of an 8B model reads ~15 GB at 3.35 TB/s

        var cmp = CliTestSupport.run("compare", out.toString());
        assertEquals(0, cmp.exit(), cmp.err());
        assertTrue(cmp.out().split("\n")[0].matches("system +gap p50 ms +gap p99 ms +TTFT p50 ms.*"), cmp.out());
        String[] cols = cmp.out().split("\n")[1].trim().split("\\s+");
        assertEquals(gapMs, Double.parseDouble(cols[1]), 0.01, cmp.out());
        assertEquals(0.0, Double.parseDouble(cols[5]), cmp.out()); // ITL p50

        String csv = Files.readString(out.resolve("summary.csv"));
        // 3 requests of 31 tokens: the first from prefill, then 10 steps of 3 tokens each
        assertTrue(csv.contains("\nr,itl_s,count,90,count\n"), csv);
        assertTrue(csv.contains("\nr,emission_gap_s,count,30,count\n"), csv);
    }

    @Test
    void compare_notARunDirectory_exits2() {
        var r = CliTestSupport.run("compare", tmp.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("summary.csv"), r.err());
    }

    @Test
    void compare_systemNameWithACommaAndAQuote_readsAsOneSystem() throws Exception {
        // summary.csv quotes the name; a reader splitting on "," would shift every column of the row
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, ScenarioLoaderTest.GOOD.replace("name: r", "name: '\"h100\", eager'"));
        Path out = tmp.resolve("out");
        assertEquals(0, CliTestSupport.run("run", f.toString(), "--out", out.toString(), "-q").exit());
        var r = CliTestSupport.run("compare", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\"h100\", eager"), r.out());
    }
}
