package org.fabricsim.workloads.requests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.time.LocalDateTime;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AzureTraceReaderTest {
    private static final String HEADER = "TIMESTAMP,ContextTokens,GeneratedTokens\n";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static double span(TraceRows r) {
        return r.timeS(r.size() - 1) - r.timeS(0);
    }

    @Test
    void read_conversationTrace_rowCountMeansAndSpanMatchFormatMd() {
        TraceRows r = new AzureTraceReader().read(SharedTraces.file(SharedTraces.AZURE_CONV), false, Integer.MAX_VALUE);
        // FORMAT.md: 19,366 rows; ContextTokens mean 1154.7; GeneratedTokens mean 211.1; span 3,501.7 s
        assertEquals(19_366, r.size());
        assertEquals(1154.7, r.meanPromptTokens(), 0.05);
        assertEquals(211.1, r.meanOutputTokens(), 0.05);
        assertEquals(3501.7, span(r), 0.05);
        assertEquals(0, r.skippedLines());
        assertEquals(0, r.raisedOutputs());
    }

    @Test
    void read_codeTrace_rowCountMeansAndSpanMatchFormatMd() {
        TraceRows r = new AzureTraceReader().read(SharedTraces.file(SharedTraces.AZURE_CODE), false, Integer.MAX_VALUE);
        // FORMAT.md: 8,819 rows; 2047.8 / 27.9 mean tokens; 18:17:03.98 to 19:14:19.93 = 3,435.95 s
        assertEquals(8_819, r.size());
        assertEquals(2047.8, r.meanPromptTokens(), 0.05);
        assertEquals(27.9, r.meanOutputTokens(), 0.05);
        assertEquals(3435.95, span(r), 0.01);
    }

    @Test
    void read_shippedSamples_everyRowAndTheSpanAsWrittenInTheFile() throws IOException {
        for (String name : new String[] {SharedTraces.AZURE_CONV, SharedTraces.AZURE_CODE}) {
            Path f = SharedTraces.sample(name);
            List<String> lines = Files.readAllLines(f);
            TraceRows r = new AzureTraceReader().read(f, false, Integer.MAX_VALUE);
            assertEquals(lines.size() - 1, r.size(), name);
            for (int i = 1; i < lines.size(); i++) {
                String[] c = lines.get(i).split(",");
                assertEquals(Integer.parseInt(c[1]), r.promptTokens(i - 1), name + " row " + i);
                assertEquals(Math.max(1, Integer.parseInt(c[2])), r.outputTokens(i - 1), name + " row " + i);
            }
            LocalDateTime first = LocalDateTime.parse(lines.get(1).split(",")[0].replace(' ', 'T'));
            LocalDateTime last = LocalDateTime.parse(lines.get(lines.size() - 1).split(",")[0].replace(' ', 'T'));
            assertEquals(Duration.between(first, last).toNanos() / 1e9, span(r), 1e-6, name);
        }
    }

    @Test
    void read_subSecondDigits_keptToTheMicrosecond() throws IOException {
        Path f = write("t.csv", HEADER + "2023-11-16 18:17:03.9799600,10,2\n2023-11-16 18:17:04.0319600,20,3\n"
                + "2023-11-16 18:18:04,30,4\n");
        TraceRows r = new AzureTraceReader().read(f, false, 100);
        assertEquals(0.052, r.timeS(1) - r.timeS(0), 1e-9);
        assertEquals(60.02004, r.timeS(2) - r.timeS(0), 1e-9); // 18:18:04 - 18:17:03.97996
    }

    @Test
    void read_badTimestamp_namesFileLineAndColumn() throws IOException {
        Path f = write("bad.csv", HEADER + "2023-11-16 18:17:03.9799600,10,2\n\n2023-13-16 18:17:04,20,3\n");
        TraceFormatException e = assertThrows(TraceFormatException.class,
                () -> new AzureTraceReader().read(f, false, 100));
        assertEquals(f, e.file());
        assertEquals(4, e.line()); // blank line 3 is counted, not reported
        assertTrue(e.reason().contains("TIMESTAMP"), e.reason());
        assertTrue(e.getMessage().startsWith(f + ":4: "), e.getMessage());
    }

    @Test
    void read_wrongFieldCountNegativeAndNonNumber_eachReportedAtItsLine() throws IOException {
        String ok = "2023-11-16 18:17:03.1,10,2\n";
        String[] bad = {"2023-11-16 18:17:03.2,10\n", "2023-11-16 18:17:03.3,-5,2\n", "2023-11-16 18:17:03.4,10,2.5\n",
            "2023-11-16 18:17:03.5,0,2\n", "2023-11-16 18:17:02.0,10,2\n", "2023-11-16 18:17:03.6,\"10,2\n"};
        String[] expect = {"expected 3 fields", "must be >= 0", "not a whole number", "at least 1 prompt token",
            "earlier than the previous row", "CSV"};
        for (int i = 0; i < bad.length; i++) {
            Path f = write("bad" + i + ".csv", HEADER + ok + bad[i] + ok);
            TraceFormatException e = assertThrows(TraceFormatException.class,
                    () -> new AzureTraceReader().read(f, false, 100), bad[i]);
            assertEquals(3, e.line(), bad[i]);
            assertTrue(e.reason().contains(expect[i]), e.reason());
        }
    }

    @Test
    void read_skipBadLines_countsThemAndKeepsTheRest() throws IOException {
        Path f = write("mixed.csv", HEADER + "2023-11-16 18:17:03.1,10,2\ngarbage\n2023-11-16 18:17:03.3,-1,2\n"
                + "2023-11-16 18:17:03.4,30,4\n");
        TraceRows r = new AzureTraceReader().read(f, true, 100);
        assertEquals(2, r.size());
        assertEquals(2, r.skippedLines());
        assertTrue(r.firstSkipped().startsWith(f + ":3: "), r.firstSkipped());
    }

    @Test
    void read_badHeader_fatalEvenWhenSkipping() throws IOException {
        Path f = write("nohdr.csv", "2023-11-16 18:17:03.1,10,2\n");
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> new AzureTraceReader().read(f, true, 100));
        assertEquals(1, e.line());
        assertTrue(e.reason().contains("ContextTokens"), e.reason());
    }

    @Test
    void read_outputZero_raisedToOneAndCounted() throws IOException {
        Path f = write("zero.csv", HEADER + "2023-11-16 18:17:03.1,10,0\n2023-11-16 18:17:03.2,10,5\n");
        TraceRows r = new AzureTraceReader().read(f, false, 100);
        assertEquals(1, r.outputTokens(0));
        assertEquals(1, r.raisedOutputs());
    }

    @Test
    void read_onlyBadLinesSkipped_refusedAsEmpty() throws IOException {
        Path f = write("allbad.csv", HEADER + "x\ny\n");
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> new AzureTraceReader().read(f, true, 100));
        assertTrue(e.reason().contains("no request rows") && e.reason().contains("2 bad lines"), e.reason());
    }

    @Test
    void read_missingFile_saysSo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AzureTraceReader().read(dir.resolve("nope.csv"), false, 100));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }
}
