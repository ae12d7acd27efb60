package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fit-stack recovers a stack's two constants from two points the model itself produced with them: TPOT of Llama 3.1
 * 8B on one H100 at 1 and 16 users, simulated with kernel_efficiency 0.85 and 0.8 ms of host time per step, given as
 * published points fitted on vllm (whose catalog values, 0.709 and 1.71 ms, are where the fit starts).
 */
class FitStackCommandTest {
    private static final String SWEEP = """
            name: fit-test
            base:
              name: fit-test
              seed: 1
              workload: {source: closed, users: 1, requests: 8, prompt_tokens: 64, output_tokens: 32}
              systems:
                - {kind: gpu, name: g, model: llama-3.1-8b, gpu: h100, stack: %s, serving: {batch_limit: 32}}
            axes:
              - path: workload.users
                name: concurrency
                values: [1, 16]
            """;

    @TempDir
    Path tmp;

    @Test
    void recoversTheConstantsThatProducedThePoints() throws Exception {
        Path truth = Files.writeString(tmp.resolve("truth.yaml"),
                SWEEP.formatted("{base: vllm, kernel_efficiency: 0.85, step_overhead_s: 0.0008}"));
        var made = CliTestSupport.run("sweep", "-q", "--jobs", "1", "--out", tmp.resolve("truth").toString(),
                truth.toString());
        assertEquals(0, made.exit(), made.err());
        double[] tpotMs = new double[2];
        for (String line : Files.readAllLines(tmp.resolve("truth").resolve("sweep.csv"))) {
            String[] f = line.split(",");
            if (f.length > 5 && f[3].equals("tpot_s") && f[4].equals("mean")) {
                tpotMs[f[1].startsWith("1") && !f[1].startsWith("16") ? 0 : 1] = Double.parseDouble(f[5]) * 1e3;
            }
        }
        Path curves = Files.writeString(tmp.resolve("c.csv"), String.format(Locale.ROOT,
                "dataset,grade,concurrency,metric,published,unit,fitted_by,source\n"
                        + "T,A,1,tpot,%.9f,ms,gpu_stack.vllm,s\nT,A,16,tpot,%.9f,ms,gpu_stack.vllm,s\n", tpotMs[0],
                tpotMs[1]));
        Path sweep = Files.writeString(tmp.resolve("s.yaml"), SWEEP.formatted("vllm"));
        Path out = tmp.resolve("fit");
        var r = CliTestSupport.run("fit-stack", "--stack", "vllm", "--tolerance", "0.001", "--out", out.toString(),
                curves.toString(), sweep.toString());
        assertEquals(0, r.exit(), r.err() + r.out());
        List<String> rows = Files.readAllLines(out.resolve("fit.csv"));
        assertTrue(rows.size() > 2, "the start is not the answer, so at least one step: " + rows);
        String[] last = rows.get(rows.size() - 1).split(",");
        assertEquals(0.85, Double.parseDouble(last[1]), 0.85 * 0.01, rows.toString());
        assertEquals(0.0008, Double.parseDouble(last[2]), 0.0008 * 0.05, rows.toString());
        // a second fit into the same directory would read runs of other inputs: refused, the first fit kept
        var again = CliTestSupport.run("fit-stack", "--stack", "vllm", "--out", out.toString(), curves.toString(),
                sweep.toString());
        assertEquals(2, again.exit(), again.err());
        assertTrue(again.err().contains("holds an earlier fit"), again.err());
        assertEquals(rows, Files.readAllLines(out.resolve("fit.csv")));
    }

    @Test
    void refusesAStackWithoutExactlyTwoFittedPoints() throws Exception {
        Path curves = Files.writeString(tmp.resolve("c.csv"),
                "dataset,grade,concurrency,metric,published,unit,fitted_by,source\nT,A,1,tpot,5,ms,gpu_stack.vllm,s\n");
        Path sweep = Files.writeString(tmp.resolve("s.yaml"), SWEEP.formatted("vllm"));
        var r = CliTestSupport.run("fit-stack", "--stack", "vllm", "--out", tmp.resolve("fit").toString(),
                curves.toString(), sweep.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("1 point(s) name fitted_by gpu_stack.vllm"), r.err());
    }
}
