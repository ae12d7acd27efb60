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

    @Test
    void compare_notARunDirectory_exits2() {
        var r = CliTestSupport.run("compare", tmp.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("summary.csv"), r.err());
    }
}
