package org.fabricsim.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.workloads.requests.OpenLoopSource;
import org.fabricsim.workloads.requests.Request;
import org.fabricsim.workloads.serving.BatchingDriver;
import org.fabricsim.workloads.serving.Deployment;
import org.fabricsim.workloads.serving.ServingPolicy;
import org.fabricsim.workloads.serving.StepEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rows and metrics a run streams into its output directory as its requests complete. */
class RunAnalysisTest {
    @TempDir
    Path dir;

    /** Two requests on an engine whose prefill takes 0.1 s and decode steps 0.02 s, batch 1, streamed as part 0. */
    private RunAnalysis twoRequests(StreamingOutput out) throws IOException {
        Timeline t = new Timeline();
        StepEngine engine = new FixedStepEngine(t, 0.1, 0.02);
        List<Request> reqs = List.of(new Request(0, 0.0, 50, 4), new Request(1, 0.05, 50, 1));
        BatchingDriver d = new BatchingDriver("sys", t, new OpenLoopSource(reqs), new Deployment(List.of(engine)),
                ServingPolicy.DEFAULT, null);
        RunRecorder recorder = out.recorder("sys", 0, 0, null);
        d.setSink(recorder);
        d.start();
        t.run();
        return recorder.finish(reqs.size());
    }

    /** The data rows of a written CSV, split on commas (fabricsim's test values need no quotes). */
    private List<String[]> rows(String file) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(file));
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
    }

    private static double at(String[] row, List<String> columns, String column) {
        return Double.parseDouble(row[columns.indexOf(column)]);
    }

    @Test
    void metrics_followTheirDefinitions() throws IOException {
        StreamingOutput out = new StreamingOutput(dir);
        RunAnalysis a = twoRequests(out);
        out.finish(1);
        List<String[]> m = rows("requests.csv");
        List<String> c = CsvFiles.REQUEST_COLUMNS;
        // request 0: tokens at 0.10, 0.12, 0.14, 0.16
        assertEquals(0.10, at(m.get(0), c, "ttft_s"), 1e-12);
        assertEquals(0.02, at(m.get(0), c, "tpot_s"), 1e-12);
        assertEquals(50.0, at(m.get(0), c, "output_tokens_per_s"), 1e-9);
        assertEquals(0.16, at(m.get(0), c, "e2e_s"), 1e-12);
        // request 1 waits for request 0 (batch 1), prefills 0.16 -> 0.26; one token: no TPOT
        assertEquals(0.26 - 0.05, at(m.get(1), c, "ttft_s"), 1e-12);
        assertTrue(Double.isNaN(at(m.get(1), c, "tpot_s")));
        // 5 tokens from first arrival 0 to last emit 0.26
        assertEquals(5 / 0.26, a.throughputTokensPerS(), 1e-9);
        assertEquals(List.of("requests.csv", "tokens.csv"), Arrays.stream(dir.toFile().list()).sorted().toList());
    }

    @Test
    void tokenLatencies_sumToEndToEndPerRequest() throws IOException {
        StreamingOutput out = new StreamingOutput(dir);
        twoRequests(out);
        out.finish(1);
        double[] sum = new double[2];
        for (String[] t : rows("tokens.csv")) {
            sum[(int) at(t, CsvFiles.TOKEN_COLUMNS, "request_id")] += at(t, CsvFiles.TOKEN_COLUMNS, "latency_s");
        }
        List<String[]> m = rows("requests.csv");
        for (int r = 0; r < 2; r++) {
            assertEquals(at(m.get(r), CsvFiles.REQUEST_COLUMNS, "e2e_s"), sum[r], 1e-12);
        }
    }

    @Test
    void requestsCompletingOutOfOrder_areWrittenById_andTheRunEndsOnlyWhenAllHaveCome() throws IOException {
        StreamingOutput out = new StreamingOutput(dir);
        RunRecorder r = out.recorder("sys", 0, 0, null);
        r.completed(new Request(2, 0.0, 8, 1), new double[] {0.3});
        r.completed(new Request(1, 0.0, 8, 2), new double[] {0.1, 0.2});
        assertThrows(IllegalStateException.class, () -> r.finish(3), "request 0 has not come");
        r.completed(new Request(0, 0.0, 8, 1), new double[] {0.4});
        RunAnalysis a = r.finish(3);
        out.finish(1);
        List<String> ids = rows("tokens.csv").stream().map(t -> t[2] + ":" + t[3]).toList();
        assertEquals(List.of("0:0", "1:0", "1:1", "2:0"), ids);
        assertEquals(4, a.tokens());
        assertEquals(0.4, a.spanS(), 1e-12);
    }

    @Test
    void parts_joinInTheirOrder_underOneHeader() throws IOException {
        StreamingOutput out = new StreamingOutput(dir);
        RunRecorder first = out.recorder("a", 0, 0, null);
        RunRecorder second = out.recorder("b", 0, 1, null);
        second.completed(new Request(0, 0.0, 8, 1), new double[] {0.2});
        first.completed(new Request(0, 0.0, 8, 1), new double[] {0.1});
        second.finish(1);
        first.finish(1);
        out.finish(2);
        List<String> lines = Files.readAllLines(dir.resolve("tokens.csv"));
        assertEquals(String.join(",", CsvFiles.TOKEN_COLUMNS), lines.get(0));
        assertEquals(List.of("a", "b"), lines.subList(1, lines.size()).stream().map(l -> l.split(",")[0]).toList());
        assertFalse(Files.exists(dir.resolve(StreamingOutput.WORK)));
    }
}
