package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scenario's slo reaches summary.csv as goodput, bounded by the request rate; a bad target is refused. */
class SloScenarioTest {
    @TempDir
    Path tmp;

    private static final String SCENARIO = """
            name: slo
            slo: %s
            workload: {source: closed, users: 2, requests: 8, prompt_tokens: 64, output_tokens: 8}
            systems:
              - kind: roofline
                name: r
                model: llama-3.1-8b
                serving: {batch_limit: 2}
            """;

    /** {goodput requests/s, throughput tokens/s} of the run's summary.csv. */
    private double[] goodput(String slo) throws Exception {
        Path f = tmp.resolve("s" + Math.abs(slo.hashCode()) + ".yaml");
        Files.writeString(f, SCENARIO.formatted(slo));
        Path out = tmp.resolve("out" + Math.abs(slo.hashCode()));
        CliTestSupport.Result r = CliTestSupport.run("run", f.toString(), "--out", out.toString(), "-q");
        assertEquals(0, r.exit(), r.err());
        List<String> rows = Files.readAllLines(out.resolve("summary.csv"));
        double[] v = {Double.NaN, Double.NaN};
        for (String row : rows) {
            if (row.startsWith("r,goodput_requests_per_s,mean,")) {
                v[0] = Double.parseDouble(row.split(",")[3]);
            }
            if (row.startsWith("r,throughput_tokens_per_s,mean,")) {
                v[1] = Double.parseDouble(row.split(",")[3]);
            }
        }
        return v;
    }

    @Test
    void goodputIsTheRequestRateUnderLooseTargetsAndZeroUnderImpossibleOnes() throws Exception {
        double[] loose = goodput("{ttft_p99_s: 3600s, tpot_p99_s: 10s}");
        double[] impossible = goodput("{ttft_p99_s: 1ns}");
        // every request meets loose targets: goodput is requests per second, throughput over 8 tokens a request
        assertEquals(loose[1] / 8, loose[0], 1e-9 * loose[0]);
        assertEquals(0.0, impossible[0]);
    }

    @Test
    void aTargetWithoutUnitOrOutOfBoundsIsRefused() throws Exception {
        Path f = tmp.resolve("bad.yaml");
        Files.writeString(f, SCENARIO.formatted("{ttft_p99_s: 200000}"));
        CliTestSupport.Result r = CliTestSupport.run("validate", f.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("slo.ttft_p99_s: must be in (0, 86400]"), r.err());
    }

    @Test
    void aRequestLongerThanTheModelsContextIsRefusedBeforeSimulating() throws Exception {
        Path f = tmp.resolve("long.yaml");
        Files.writeString(f, SCENARIO.formatted("{ttft_p99_s: 1s}").replace("prompt_tokens: 64", "prompt_tokens: 130000")
                .replace("output_tokens: 8", "output_tokens: 2000"));
        CliTestSupport.Result r = CliTestSupport.run("validate", f.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("needs 132000 tokens of context") && r.err().contains("context is 131072"), r.err());
    }
}
