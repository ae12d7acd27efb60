package org.fabricsim.results.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    @TempDir
    Path tmp;

    private static void assertImages(List<Path> files, int count) throws Exception {
        assertEquals(count, files.size());
        for (Path p : files) {
            byte[] b = Files.readAllBytes(p);
            if (p.toString().endsWith(".png")) {
                assertArrayEquals(PNG_MAGIC, Arrays.copyOf(b, 4), p.toString());
            } else {
                assertTrue(new String(b, java.nio.charset.StandardCharsets.UTF_8).contains("<svg"), p.toString());
            }
        }
    }

    @Test
    void runFigures_twoSystems_cdfPngAndSvg() throws Exception {
        Files.writeString(tmp.resolve("requests.csv"), """
                system,replication,request_id,arrival_s,prompt_tokens,output_tokens,ttft_s,tpot_s,e2e_s,output_tokens_per_s
                a,0,0,0.0,8,2,0.01,0.002,0.012,500.0
                b,0,0,0.0,8,2,0.02,0.004,0.024,250.0
                """);
        Files.writeString(tmp.resolve("tokens.csv"), """
                system,replication,request_id,token_index,arrival_s,emit_s,latency_s
                a,0,0,0,0.0,0.01,0.01
                a,0,0,1,0.0,0.012,0.002
                b,0,0,0,0.0,0.02,0.02
                b,0,0,1,0.0,0.024,0.004
                """);
        assertImages(Plots.runFigures(tmp, tmp.resolve("fig")), 4);
        assertTrue(Files.exists(tmp.resolve("fig/itl-cdf.svg")));
    }

    @Test
    void column_itlSkipsFirstTokens() throws Exception {
        Files.writeString(tmp.resolve("tokens.csv"), """
                system,replication,request_id,token_index,arrival_s,emit_s,latency_s
                a,0,0,0,0.0,0.01,0.01
                a,0,0,1,0.0,0.012,0.002
                a,0,0,2,0.0,0.015,0.003
                """);
        Map<String, double[]> itl = Plots.column(tmp.resolve("tokens.csv"), "latency_s", "token_index");
        assertArrayEquals(new double[] {0.002, 0.003}, itl.get("a"));
    }

    private void sweepCsv(String firstValue) throws Exception {
        StringBuilder sb = new StringBuilder("point,rate,batch,system,metric,stat,mean,ci95_half_width,n,unit\n");
        int point = 0;
        for (String rate : List.of(firstValue, "2")) {
            for (String batch : List.of("4", "8")) {
                for (String m : List.of("output_tokens_per_s", "ttft_s", "itl_s")) {
                    for (String stat : List.of("p50", "p99")) {
                        sb.append(point).append(',').append(rate).append(',').append(batch)
                                .append(",s,").append(m).append(',').append(stat).append(",1.5,NaN,1,x\n");
                    }
                }
                point++;
            }
        }
        Files.writeString(tmp.resolve("sweep.csv"), sb.toString());
    }

    @Test
    void sweepFigures_namedAxis_threeFiguresInTwoFormats() throws Exception {
        sweepCsv("1");
        List<Path> files = Plots.sweepFigures(tmp, tmp.resolve("fig"), "batch", "p50");
        assertImages(files, 6);
        assertTrue(Files.exists(tmp.resolve("fig/tokens-per-user-vs-batch.png")));
        assertTrue(Files.exists(tmp.resolve("fig/ttft-vs-batch.svg")));
    }

    @Test
    void sweepFigures_unknownOrNonNumericAxis_explains() throws Exception {
        sweepCsv("fast");
        var e = assertThrows(IllegalArgumentException.class, () -> Plots.sweepFigures(tmp, tmp.resolve("f"), "load", "p50"));
        assertTrue(e.getMessage().contains("not a parameter of this sweep; parameters: [rate, batch]"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> Plots.sweepFigures(tmp, tmp.resolve("f"), null, "p50"));
        assertTrue(e2.getMessage().contains("non-numeric value 'fast'"), e2.getMessage());
    }
}
