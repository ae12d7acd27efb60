package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input that cannot complete is refused before any event with exit 2 and a message naming the file, the field and
 * the value, by {@code validate}, {@code run} and {@code sweep} alike; and {@code validate} reads every file kind.
 */
class UpfrontRefusalTest {
    private static final String ROOFLINE = """
            name: t
            workload: {source: closed, users: 2, requests: 4, prompt_tokens: PROMPT, output_tokens: 16}
            systems:
              - kind: roofline
                name: r
                model: llama-3.1-8b
                memory_bytes: 20GB
                step_overhead_s: OVERHEAD
                serving: {batch_limit: 2}
            """;

    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static void assertRefused(CliTestSupport.Result r, Path file, String... parts) {
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(file.toString()), "names the file: " + r.err());
        for (String p : parts) {
            assertTrue(r.err().contains(p), "names " + p + ": " + r.err());
        }
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void requestBeyondTheKvCache_isRefusedUpFrontByValidateAndRun() throws IOException {
        // 20 GB less 16 GB of weights holds ~30k tokens of Llama 3.1 8B's KV cache; 100k is legal for its context
        Path f = write("kv.yaml", ROOFLINE.replace("PROMPT", "100000").replace("OVERHEAD", "0"));
        assertRefused(CliTestSupport.run("validate", f.toString()), f, "prompt_tokens 100000", "KV cache");
        var run = CliTestSupport.run("run", f.toString(), "--out", tmp.resolve("o").toString(), "-q");
        assertRefused(run, f, "prompt_tokens 100000");
        assertFalse(Files.exists(tmp.resolve("o")));
    }

    @Test
    void physicalQuantitiesBeyondTheirBounds_areRefused() throws IOException {
        String wafer = """
                name: w
                workload: {source: closed, users: 1, requests: 2, prompt_tokens: 128, output_tokens: 16}
                systems:
                  - {kind: wafer, name: w, model: llama-3.1-8b, FIELD}
                """;
        String[][] cases = {
            {"hop_cycles: 1e308", "hop_cycles", "1.0E308"},
            {"hop_cycles: 0", "hop_cycles", "0.0"},
            {"inter_wafer_latency_s: 1e300", "inter_wafer_latency_s", "1.0E300"},
            {"serving: {expert_popularity: {distribution: zipf, exponent: 1e6}}", "exponent", "1000000.0"},
            {"serving: {speculative: {draft_tokens: 100000, acceptance_rate: 0.5}}", "draft_tokens", "100000"},
        };
        for (String[] c : cases) {
            Path f = write("w.yaml", wafer.replace("FIELD", c[0]));
            assertRefused(CliTestSupport.run("validate", f.toString()), f, c[1], c[2]);
        }
        String[][] roofline = {
            {"step_overhead_s: 0", "step_overhead_s: 1e308", "step_overhead_s", "1.0E308"},
            {"memory_bytes: 20GB", "memory_bytes: 8000PB", "memory_bytes", "8000000000000000000"},
            {"memory_bytes: 20GB", "peak_flops_per_s: 1e308", "peak_flops_per_s", "1.0E308"},
            {"users: 2", "users: 2, think_time_s: 1e308", "think_time_s", "1.0E308"},
            {"replicas", "replicas", "", ""},
        };
        for (String[] c : roofline) {
            if (c[2].isEmpty()) {
                continue;
            }
            Path f = write("r.yaml", ROOFLINE.replace("PROMPT", "128").replace("OVERHEAD", "0").replace(c[0], c[1]));
            assertRefused(CliTestSupport.run("validate", f.toString()), f, c[2], c[3]);
        }
    }

    @Test
    void aScenarioThatCannotComplete_exitsTwoFromRunAndFromSweep() throws IOException {
        // four requests of 16 tokens at 0.5 s a step take ~10 s; the stop time is 2 s
        Path f = write("slow.yaml", ROOFLINE.replace("PROMPT", "128").replace("OVERHEAD", "0.5")
                + "stop_time_s: 2\n");
        var run = CliTestSupport.run("run", f.toString(), "--out", tmp.resolve("o").toString(), "-q");
        assertRefused(run, f, "stop_time_s", "did not complete");
        Path sweep = write("sweep.yaml", "name: s\nbase: slow.yaml\naxes:\n  - path: systems[0].serving.batch_limit\n"
                + "    values: [1, 2]\n");
        var sw = CliTestSupport.run("sweep", sweep.toString(), "--out", tmp.resolve("sw").toString(), "-q");
        assertEquals(2, sw.exit(), sw.err());
        assertTrue(sw.err().contains("stop_time_s") && sw.err().contains("did not complete"), sw.err());
    }

    @Test
    void validate_readsSweepsAndNocConfigs_withTheirOwnLoaders() throws IOException {
        var r = CliTestSupport.run("validate", "../scenarios/noc-8x8-booksim.yaml", "../scenarios/sweeps/quickstart-load.yaml",
                "../scenarios/quickstart.yaml");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("noc-8x8-booksim.yaml: ok (NoC config"), r.out());
        assertTrue(r.out().contains("quickstart-load.yaml: ok (sweep, 10 point(s))"), r.out());
        Path noc = write("noc.yaml", Files.readString(Path.of("../scenarios/noc-8x8-booksim.yaml")) + "clock_hz: 1e308\n");
        assertRefused(CliTestSupport.run("validate", noc.toString()), noc, "clock_hz", "1.0E308");
        Path kv = write("kv.yaml", ROOFLINE.replace("PROMPT", "128").replace("OVERHEAD", "0"));
        Path sweep = write("sweep.yaml", "name: s\nbase: kv.yaml\naxes:\n  - path: workload.prompt_tokens\n"
                + "    values: [128, 100000]\n");
        assertRefused(CliTestSupport.run("validate", sweep.toString()), sweep, "point 1", "prompt_tokens=100000",
                "KV cache");
    }
}
