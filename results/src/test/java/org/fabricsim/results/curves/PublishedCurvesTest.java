package org.fabricsim.results.curves;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishedCurvesTest {
    private static final String HEADER = "dataset,grade,concurrency,isl,metric,published,unit,fitted_by,source,note\n";

    @TempDir
    Path tmp;

    private Path file(String body) throws Exception {
        Path f = tmp.resolve("c.csv");
        Files.writeString(f, HEADER + body);
        return f;
    }

    @Test
    void read_keysAreTheColumnsBesidesTheFixedOnes_valuesInSiUnits() throws Exception {
        List<PublishedPoint> ps = PublishedCurves.read(file(
                "D1,A,8,5000,ttft,406.77,ms,,https://x,\"mean, AIPerf\"\nD1,A,8,5000,itl,18.58,ms,,https://x,\n"));
        assertEquals(2, ps.size());
        assertEquals(List.of("concurrency", "isl"), List.copyOf(ps.get(0).key().keySet()));
        assertEquals(0.40677, ps.get(0).publishedSi(), 1e-12);
        assertEquals("mean, AIPerf", ps.get(0).note());
        assertEquals(3, ps.get(1).line());
        assertTrue(!ps.get(0).fitted() && ps.get(0).graded());
    }

    @Test
    void read_refusesWithFileAndLine_badGradeMetricUnitNumberOrMissingColumn() throws Exception {
        String ok = "D1,A,8,5000,ttft,406.77,ms,,https://x,\n";
        for (String[] bad : new String[][] {
            {ok + "D1,D,16,5000,ttft,1,ms,,s,\n", ":3: grade"},
            {"D1,A,8,5000,latency,1,ms,,s,\n", "metric: unknown 'latency'"},
            {"D1,A,8,5000,ttft,1,tok/s,,s,\n", "unit: 'tok/s' does not measure ttft"},
            {"D1,A,8,5000,ttft,-3,ms,,s,\n", "positive"},
            {"D1,A,8,5000,ttft,abc,ms,,s,\n", "'abc' is not a number"},
            {"D1,A,,5000,ttft,1,ms,,s,\n", "concurrency: empty"},
            {ok + ok, "a second ttft"},
            {"D1,A,8,5000,tpot,10,ms,,s,\nD1,A,8,5000,tok_s_user,100,tok/s,,s,\n", "a second per-user speed"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PublishedCurves.read(file(bad[0])));
            assertTrue(e.getMessage().contains(bad[1]) && e.getMessage().contains("c.csv:"), e.getMessage());
        }
        Path noUnit = tmp.resolve("n.csv");
        Files.writeString(noUnit, "dataset,grade,metric,published,source\nD1,A,ttft,1,s\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PublishedCurves.read(noUnit)).getMessage()
                .contains("missing column(s) [unit]"));
    }
}
