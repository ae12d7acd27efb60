package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotCommandTest {
    @TempDir
    Path tmp;

    private Path sweepDir(String axisValues) throws Exception {
        Path dir = tmp.resolve("sw");
        Files.createDirectories(dir);
        StringBuilder sb = new StringBuilder("point,gpu,system,metric,stat,mean,ci95_half_width,n,unit\n");
        String[] values = axisValues.split(",");
        for (int i = 0; i < values.length; i++) {
            for (String m : new String[] {"output_tokens_per_s", "emission_gap_s", "ttft_s", "itl_s"}) {
                for (String stat : new String[] {"p50", "p99"}) {
                    sb.append(i).append(',').append(values[i]).append(",s,").append(m).append(',').append(stat)
                            .append(',').append(0.5 + i).append(",0.1,3,x\n");
                }
            }
        }
        Files.writeString(dir.resolve("sweep.csv"), sb.toString());
        return dir;
    }

    @Test
    void unknownSpeedStat_exits2NamingTheStats_andLeavesFiguresAsTheyWere() throws Exception {
        Path dir = sweepDir("h100,h200");
        assertEquals(0, CliTestSupport.run("plot", dir.toString(), "-q").exit());
        Path chart = dir.resolve("figures/tokens-per-user-vs-gpu.png");
        byte[] before = Files.readAllBytes(chart);
        var r = CliTestSupport.run("plot", dir.toString(), "--speed-stat", "p42");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains("'p42'") && r.err().contains("mean, p50, p90, p99, p999, max"), r.err());
        assertArrayEquals(before, Files.readAllBytes(chart));
    }

    @Test
    void categoricalAxis_isPlotted_notRefused() throws Exception {
        Path dir = sweepDir("h100,h200,b200");
        var r = CliTestSupport.run("plot", dir.toString());
        assertEquals(0, r.exit(), r.err());
        for (String name : new String[] {"tokens-per-user", "gap", "ttft", "itl"}) {
            assertTrue(Files.size(dir.resolve("figures/" + name + "-vs-gpu.png")) > 0, name);
        }
    }
}
