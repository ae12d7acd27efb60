package org.fabricsim.workloads.requests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fabricsim.core.random.RandomStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BurstGPT is not in ../shared/traces: small files in its published column layout. */
class BurstGptTraceReaderTest {
    private static final String HEADER = "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\n";

    @TempDir
    Path dir;

    @Test
    void read_publishedColumns_timesInSecondsAndFailuresRaisedToOneToken() throws IOException {
        Path f = dir.resolve("b.csv");
        Files.writeString(f, HEADER + "5,ChatGPT,472,18,490,Conversation log\n"
                + "45,ChatGPT,1087,0,1087,Conversation log\n" + "118.5,GPT-4,417,30,447,API log\n");
        TraceRows r = new BurstGptTraceReader().read(f, false, 100);
        assertEquals(3, r.size());
        assertEquals(113.5, r.timeS(2) - r.timeS(0));
        assertEquals(1087, r.promptTokens(1));
        assertEquals(1, r.outputTokens(1));
        assertEquals(1, r.raisedOutputs());
        List<Request> q = new WorkloadConfig("trace", null, null, null, null, null, null, null, null,
                new TraceConfig(f.toString(), "burstgpt", null, null), 0.5, null, null).requestList(new RandomStreams(1));
        assertEquals(List.of(0.0, 20.0, 56.75), q.stream().map(Request::arrivalS).toList());
    }

    @Test
    void read_badTimestamp_reportsLineAndReason() throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, HEADER + "5,ChatGPT,472,18,490,Conversation log\nsoon,ChatGPT,472,18,490,Conversation log\n");
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> new BurstGptTraceReader().read(f, false, 100));
        assertEquals(3, e.line());
        assertTrue(e.reason().contains("Timestamp"), e.reason());
    }

    @Test
    void read_quotedFieldWithACommaOrQuote_isOneField() throws IOException {
        // a hand split on "," would see 7 fields and refuse the line
        Path f = dir.resolve("q.csv");
        Files.writeString(f, HEADER + "5,ChatGPT,472,18,490,\"Conversation log, \"\"web\"\"\"\n");
        TraceRows r = new BurstGptTraceReader().read(f, false, 100);
        assertEquals(1, r.size());
        assertEquals(472, r.promptTokens(0));
    }
}
