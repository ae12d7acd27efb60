package org.fabricsim.workloads.requests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShareGptLengthsReaderTest {
    @TempDir
    Path dir;

    @Test
    void read_sarathiFile_rowCountAndMeansMatchFormatMd() {
        TraceRows r = new ShareGptLengthsReader().read(SharedTraces.file(SharedTraces.SHAREGPT), false, Integer.MAX_VALUE);
        // FORMAT.md: 30,731 rows; prefill mean 2340.0; decode mean 438.7
        assertEquals(30_731, r.size());
        assertEquals(2340.0, r.meanPromptTokens(), 0.05);
        assertEquals(438.7, r.meanOutputTokens(), 0.05);
        assertTrue(Double.isNaN(r.timeS(0)), "no timestamps in this format");
    }

    @Test
    void read_shippedSample_everyRowAsWrittenInTheFile() throws IOException {
        Path f = SharedTraces.sample(SharedTraces.SHAREGPT);
        List<String> lines = Files.readAllLines(f);
        TraceRows r = new ShareGptLengthsReader().read(f, false, Integer.MAX_VALUE);
        assertEquals(lines.size() - 1, r.size());
        for (int i = 1; i < lines.size(); i++) {
            String[] c = lines.get(i).split(",");
            assertEquals(Integer.parseInt(c[0]), r.promptTokens(i - 1), "row " + i);
            assertEquals(Integer.parseInt(c[1]), r.outputTokens(i - 1), "row " + i);
        }
    }

    @Test
    void read_columnsFoundByName_extraColumnsIgnored() throws IOException {
        Path f = dir.resolve("s.csv");
        Files.writeString(f, "pd_ratio,num_decode_tokens,num_prefill_tokens\n0.5,20,10\n");
        TraceRows r = new ShareGptLengthsReader().read(f, false, 10);
        assertEquals(10, r.promptTokens(0));
        assertEquals(20, r.outputTokens(0));
    }

    @Test
    void read_badLine_reportsLineAndReason() throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "num_prefill_tokens,num_decode_tokens\n10,20\n10,abc\n");
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> new ShareGptLengthsReader().read(f, false, 10));
        assertEquals(3, e.line());
        assertTrue(e.reason().contains("num_decode_tokens") && e.reason().contains("abc"), e.reason());
    }
}
