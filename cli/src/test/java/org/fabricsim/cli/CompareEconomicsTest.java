package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare puts goodput, energy and cost per token side by side with the ratio to the first system. */
class CompareEconomicsTest {
    @TempDir
    Path tmp;

    @Test
    void twiceTheBusyPowerAtTheSameSpeedIsTwiceTheEnergyAndTheHourlyPriceRatioIsTheCostRatio() throws Exception {
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, """
                name: pair
                slo: {ttft_p99_s: 10s}
                prices: {a: {usd_per_hour: 2}, b: {usd_per_hour: 6}}
                workload: {source: closed, users: 2, requests: 4, prompt_tokens: 64, output_tokens: 8}
                systems:
                  - {kind: roofline, name: a, model: llama-3.1-8b, busy_watts: 400W, idle_watts: 0W}
                  - {kind: roofline, name: b, model: llama-3.1-8b, busy_watts: 800W, idle_watts: 0W}
                """);
        Path out = tmp.resolve("out");
        assertEquals(0, CliTestSupport.run("run", f.toString(), "--out", out.toString(), "-q").exit());
        CliTestSupport.Result r = CliTestSupport.run("compare", out.toString());
        assertEquals(0, r.exit(), r.err());
        String b = r.out().lines().filter(l -> l.startsWith("b ") && l.contains("  2.0 ")).findFirst().orElse(null);
        assertTrue(b != null, r.out());
        // goodput the same (x 1.0), energy x 2.0, cost x 3.0
        String[] cols = b.trim().split("\\s+");
        assertEquals("1.0", cols[2], b);
        assertEquals("2.0", cols[4], b);
        assertEquals("3.0", cols[6], b);
    }
}
