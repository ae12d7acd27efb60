package org.fabricsim.workloads.requests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.regex.Pattern;
import java.util.regex.Matcher;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MooncakeTraceReaderTest {
    @TempDir
    Path dir;

    @Test
    void read_conversationTrace_rowCountMeansAndSpanMatchFormatMd() {
        TraceRows r = new MooncakeTraceReader().read(SharedTraces.file(SharedTraces.MOONCAKE_CONV), false,
                Integer.MAX_VALUE);
        // FORMAT.md: 12,031 rows, 0 to 3,536,999 ms, input mean 12035, output mean 342.6
        assertEquals(12_031, r.size());
        assertEquals(0.0, r.timeS(0));
        assertEquals(3536.999, r.timeS(r.size() - 1), 1e-9);
        assertEquals(12035, r.meanPromptTokens(), 0.5);
        assertEquals(342.6, r.meanOutputTokens(), 0.05);
    }

    @Test
    void read_syntheticTrace_rowCountAndMeansMatchFormatMd() {
        TraceRows r = new MooncakeTraceReader().read(SharedTraces.file(SharedTraces.MOONCAKE_SYNTH), false,
                Integer.MAX_VALUE);
        assertEquals(3_993, r.size());
        assertEquals(1022.025, r.timeS(r.size() - 1), 1e-9);
        assertEquals(15325, r.meanPromptTokens(), 0.5);
        assertEquals(149.1, r.meanOutputTokens(), 0.05);
    }

    @Test
    void read_shippedSamples_everyRowAsWrittenInTheFile() throws IOException {
        Pattern row = Pattern.compile("\\{\"timestamp\": (\\d+), \"input_length\": (\\d+), \"output_length\": (\\d+),.*");
        for (String name : new String[] {SharedTraces.MOONCAKE_CONV, SharedTraces.MOONCAKE_SYNTH}) {
            Path f = SharedTraces.sample(name);
            List<String> lines = Files.readAllLines(f);
            TraceRows r = new MooncakeTraceReader().read(f, false, Integer.MAX_VALUE);
            assertEquals(lines.size(), r.size(), name);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = row.matcher(lines.get(i));
                assertTrue(m.matches(), lines.get(i));
                // timestamps are milliseconds
                assertEquals(Long.parseLong(m.group(1)) / 1000.0, r.timeS(i), 1e-9, name + " row " + i);
                assertEquals(Integer.parseInt(m.group(2)), r.promptTokens(i), name + " row " + i);
                assertEquals(Integer.parseInt(m.group(3)), r.outputTokens(i), name + " row " + i);
            }
        }
    }

    @Test
    void read_badLines_reportLineAndReason() throws IOException {
        String ok = "{\"timestamp\": 0, \"input_length\": 600, \"output_length\": 5, \"hash_ids\": [0, 1]}\n";
        String[] bad = {"{\"timestamp\": 0, \"input_length\": 600\n", "{\"timestamp\": 0, \"input_length\": 600}\n",
            "{\"timestamp\": 1.5, \"input_length\": 600, \"output_length\": 5}\n",
            "{\"timestamp\": -3, \"input_length\": 600, \"output_length\": 5}\n", "[1, 2, 3]\n",
            "{\"timestamp\": 0, \"input_length\": \"600\", \"output_length\": 5}\n",
            "{\"timestamp\": 0, \"input_length\": 600, \"output_length\": 5} {}\n"};
        String[] expect = {"not a JSON object", "output_length: missing", "timestamp", "timestamp: must be >= 0",
            "not a JSON object", "input_length", "not a JSON object"};
        for (int i = 0; i < bad.length; i++) {
            Path f = dir.resolve("bad" + i + ".jsonl");
            Files.writeString(f, ok + ok + bad[i] + ok);
            TraceFormatException e = assertThrows(TraceFormatException.class,
                    () -> new MooncakeTraceReader().read(f, false, 100), bad[i]);
            assertEquals(f, e.file());
            assertEquals(3, e.line(), bad[i]);
            assertTrue(e.reason().contains(expect[i]), e.reason());
        }
    }

    @Test
    void read_skipBadLines_countsThem() throws IOException {
        String ok = "{\"timestamp\": 3000, \"input_length\": 600, \"output_length\": 5}\n";
        Path f = dir.resolve("mixed.jsonl");
        Files.writeString(f, ok + "{not json\n" + ok + "{\"timestamp\": 3000}\n" + ok);
        TraceRows r = new MooncakeTraceReader().read(f, true, 100);
        assertEquals(3, r.size());
        assertEquals(2, r.skippedLines());
        assertEquals(3.0, r.timeS(0));
    }

    @Test
    void read_maxSpan_stopsAtFirstRowBeyondIt() {
        TraceRows r = new MooncakeTraceReader().read(SharedTraces.sample(SharedTraces.MOONCAKE_CONV), false,
                Integer.MAX_VALUE, 30.0);
        assertTrue(r.timeS(r.size() - 1) <= 30.0);
        TraceRows all = new MooncakeTraceReader().read(SharedTraces.sample(SharedTraces.MOONCAKE_CONV), false,
                Integer.MAX_VALUE);
        assertTrue(all.timeS(r.size()) > 30.0, "the next row lies beyond the span");
    }
}
