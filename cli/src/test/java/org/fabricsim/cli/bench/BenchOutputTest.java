package org.fabricsim.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void benchRow_commaInParameter_rejectedNamingField() {
        var e = assertThrows(IllegalArgumentException.class, () -> new BenchRow("hold", "a,b", 1, "events/s"));
        assertTrue(e.getMessage().startsWith("parameter"), e.getMessage());
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
