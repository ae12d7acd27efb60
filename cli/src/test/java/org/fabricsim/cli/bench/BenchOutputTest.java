package org.fabricsim.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchOutputTest {

    @Test
    void median_oddCount_isMiddleValue() {
        assertEquals(3.0, Rounds.median(new double[] {9, 1, 3}), 0.0);
    }

    @Test
    void median_evenCount_isMeanOfMiddleTwo() {
        assertEquals(2.5, Rounds.median(new double[] {4, 1, 2, 3}), 0.0);
    }

    @Test
    void rounds_runsWarmupsPlusMeasured() throws Exception {
        int[] calls = new int[1];
        new Rounds(2, 3).medianSeconds(() -> calls[0]++);
        assertEquals(5, calls[0]);
    }

    @Test
    void roundsInterleaved_twoBodies_runRoundRobinIncludingWarmups() throws Exception {
        StringBuilder order = new StringBuilder();
        Rounds.Times[] medians = new Rounds(1, 2).medianTimesInterleaved(List.of(() -> order.append('a'),
                () -> order.append('b')));
        assertEquals("ababab", order.toString());
        assertEquals(2, medians.length);
    }

    @Test
    void rounds_noMeasuredRound_rejectedNamingField() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Rounds(1, 0));
        assertTrue(e.getMessage().startsWith("measured"), e.getMessage());
    }

    @Test
    void benchRow_blankParameter_rejectedNamingField() {
        var e = assertThrows(IllegalArgumentException.class, () -> new BenchRow("hold", " ", 1, "events/s"));
        assertTrue(e.getMessage().startsWith("parameter"), e.getMessage());
    }

    @Test
    void write_commasAndQuotesInFields_readBackAsWritten(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bench.csv");
        List<BenchRow> rows = List.of(new BenchRow("scenario_wall_time", "systems=wse3,h100", 1.25e-3, "s"),
                new BenchRow("hold \"quoted\"", "pending=10", 7.0, "events/s, median"));
        BenchCsv.write(f, rows);
        List<BenchRow> back = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(f.toFile())) {
            while (it.hasNext()) {
                Map<String, String> r = it.next();
                assertEquals(BenchCsv.COLUMNS, List.copyOf(r.keySet()));
                back.add(new BenchRow(r.get("benchmark"), r.get("parameter"), Double.parseDouble(r.get("value")),
                        r.get("unit")));
            }
        }
        assertEquals(rows, back);
    }

    @Test
    void write_rows_headerThenOneLinePerRow(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sub/bench.csv");
        BenchCsv.write(f, List.of(new BenchRow("hold_timeline", "pending=1000", 2.5e6, "events/s"),
                new BenchRow("scenario_wall_time", "quickstart", 0.5, "s")));
        assertEquals(List.of("benchmark,parameter,value,unit", "hold_timeline,pending=1000,2500000.0,events/s",
                "scenario_wall_time,quickstart,0.5,s"), Files.readAllLines(f));
    }

    @Test
    void heapUsage_peakAfterAllocation_atLeastRetained() {
        HeapUsage heap = new HeapUsage();
        heap.resetPeak();
        long[] big = new long[1 << 20]; // 8 MiB kept reachable until after the measurement
        long peak = heap.peakBytes();
        assertTrue(peak >= 8L << 20, "peak " + peak);
        assertEquals(0L, big[big.length - 1]);
    }
}
