package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fabricsim.results.UtilizationCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceRecorderTest {
    @TempDir
    Path tmp;

    private Path runWithTrace(String ids) throws Exception {
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, ScenarioLoaderTest.GOOD);
        Path out = tmp.resolve("out");
        var r = CliTestSupport.run("run", f.toString(), "--out", out.toString(), "-q", "--trace-requests", ids);
        assertEquals(0, r.exit(), r.err());
        return out;
    }

    private static List<JsonNode> events(JsonNode trace, long tid, String name) {
        List<JsonNode> out = new ArrayList<>();
        trace.get("traceEvents").forEach(e -> {
            if (e.get("ph").asText().equals("X") && e.get("tid").asLong() == tid && e.get("name").asText().equals(name)) {
                out.add(e);
            }
        });
        return out;
    }

    @Test
    void trace_chosenRequest_queuedPrefillAndOneDecodePerLaterToken() throws Exception {
        Path out = runWithTrace("0,2");
        JsonNode trace = new ObjectMapper().readTree(out.resolve("trace.json").toFile());
        // request 0 of GOOD: 16 prompt tokens (one prefill step), 4 output tokens (3 decode steps, no speculation)
        assertEquals(1, events(trace, 0, "queued").size());
        assertEquals(1, events(trace, 0, "prefill").size());
        List<JsonNode> decodes = events(trace, 0, "decode");
        assertEquals(3, decodes.size());
        assertTrue(events(trace, 1, "decode").isEmpty(), "request 1 was not chosen");
        assertEquals(3, events(trace, 2, "decode").size());
        // the last decode step ends when the request's last token is emitted (tokens.csv), in microseconds
        JsonNode last = decodes.get(2);
        double endUs = last.get("ts").asDouble() + last.get("dur").asDouble();
        double emitS = Files.readAllLines(out.resolve("tokens.csv")).stream().skip(1).map(l -> l.split(","))
                .filter(c -> c[2].equals("0") && c[3].equals("3")).mapToDouble(c -> Double.parseDouble(c[5])).findFirst()
                .orElseThrow();
        assertEquals(emitS * 1e6, endUs, 1e-6 * endUs);
        // steps never overlap within a request: each starts at or after the previous one ended
        double prevEnd = 0;
        for (String name : List.of("queued", "prefill")) {
            JsonNode e = events(trace, 0, name).get(0);
            assertTrue(e.get("ts").asDouble() >= prevEnd - 1e-9);
            prevEnd = e.get("ts").asDouble() + e.get("dur").asDouble();
        }
        for (JsonNode d : decodes) {
            assertTrue(d.get("ts").asDouble() >= prevEnd - 1e-6, d.toString());
            prevEnd = d.get("ts").asDouble() + d.get("dur").asDouble();
        }
    }

    @Test
    void trace_speculativeAllAccepted_oneVerifyPerDraftPlusOneTokens() throws Exception {
        // 9 output tokens: the prefill emits 1; each verify step with k = 3 drafts all accepted emits 4 -> 2 steps
        Path f = tmp.resolve("spec.yaml");
        Files.writeString(f, ScenarioLoaderTest.GOOD.replace("output_tokens: 4", "output_tokens: 9")
                .replace("serving: {batch_limit: 2}", "serving: {batch_limit: 2, speculative: {draft_tokens: 3, acceptance_rate: 1.0}}"));
        Path out = tmp.resolve("spec");
        var r = CliTestSupport.run("run", f.toString(), "--out", out.toString(), "-q", "--trace-requests", "1");
        assertEquals(0, r.exit(), r.err());
        JsonNode trace = new ObjectMapper().readTree(out.resolve("trace.json").toFile());
        List<JsonNode> verify = events(trace, 1, "verify");
        assertEquals(2, verify.size());
        assertEquals(4, verify.get(0).get("args").get("new_tokens").asInt());
        assertEquals(3, verify.get(0).get("args").get("draft_tokens").asInt());
        assertTrue(events(trace, 1, "decode").isEmpty());
    }

    @Test
    void run_withoutTraceOption_writesNoTraceButUtilizationHeader() throws Exception {
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, ScenarioLoaderTest.GOOD);
        Path out = tmp.resolve("plain");
        assertEquals(0, CliTestSupport.run("run", f.toString(), "--out", out.toString(), "-q").exit());
        assertFalse(Files.exists(out.resolve("trace.json")));
        // the roofline kind reports no resource classes: header only
        assertEquals(List.of(String.join(",", UtilizationCsv.COLUMNS)), Files.readAllLines(out.resolve("utilization.csv")));
    }

    @Test
    void plot_runDirectory_writesCdfFigures() throws Exception {
        Path out = runWithTrace("0");
        var r = CliTestSupport.run("plot", out.toString(), "-q");
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.size(out.resolve("figures/ttft-cdf.png")) > 0);
        assertTrue(Files.size(out.resolve("figures/itl-cdf.svg")) > 0);
    }

    @Test
    void trace_requestBeyondWorkload_refusedBeforeRunning() throws Exception {
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, ScenarioLoaderTest.GOOD);
        var r = CliTestSupport.run("run", f.toString(), "--out", tmp.resolve("x").toString(), "--trace-requests", "1,3");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains(f + ": --trace-requests: there is no request 3; the workload has 3 requests, ids 0..2"), r.err());
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void plot_emptyDirectory_saysWhatItNeeds() throws Exception {
        var r = CliTestSupport.run("plot", tmp.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("neither a run directory"), r.err());
    }

    /** A 2-stage GPU pipeline streams a prompt's chunks through its stages at once: chunks overlap in time. */
    @Test
    void trace_overlappingPrefillChunks_getTheirOwnTracks_noTrackHoldsOverlappingSlices() throws Exception {
        Path f = tmp.resolve("pp.yaml");
        Files.writeString(f, """
                name: pp
                workload: {source: closed, users: 2, requests: 4, prompt_tokens: 512, output_tokens: 3}
                systems:
                  - kind: gpu
                    name: pp2
                    model: llama-3.1-8b
                    gpu: h100
                    pipeline_parallel: 2
                    serving: {batch_limit: 2, chunked_prefill: true, token_budget: 128}
                """);
        Path out = tmp.resolve("pp");
        var r = CliTestSupport.run("run", f.toString(), "--out", out.toString(), "-q", "--trace-requests", "0,1,3");
        assertEquals(0, r.exit(), r.err());
        JsonNode trace = new ObjectMapper().readTree(out.resolve("trace.json").toFile());
        java.util.Map<String, List<double[]>> tracks = new java.util.TreeMap<>();
        java.util.Map<Long, java.util.Set<Long>> tidsOfRequest = new java.util.TreeMap<>();
        java.util.Set<String> named = new java.util.HashSet<>();
        for (JsonNode e : trace.get("traceEvents")) {
            String key = e.get("pid").asInt() + "/" + e.get("tid").asLong();
            if (e.get("ph").asText().equals("M") && e.get("name").asText().equals("thread_name")) {
                named.add(key);
            } else if (e.get("ph").asText().equals("X")) {
                double ts = e.get("ts").asDouble();
                tracks.computeIfAbsent(key, k -> new ArrayList<>()).add(new double[] {ts, ts + e.get("dur").asDouble()});
            }
        }
        for (var t : tracks.entrySet()) {
            assertTrue(named.contains(t.getKey()), "track " + t.getKey() + " has no thread_name");
            List<double[]> slices = t.getValue();
            slices.sort(java.util.Comparator.<double[]>comparingDouble(a -> a[0]).thenComparingDouble(a -> a[1]));
            for (int i = 1; i < slices.size(); i++) {
                double prevEnd = slices.get(i - 1)[1];
                assertTrue(slices.get(i)[0] >= prevEnd - 1e-6 * Math.max(1, prevEnd),
                        "track " + t.getKey() + ": a slice at " + slices.get(i)[0] + " us starts before " + prevEnd);
            }
        }
        for (JsonNode e : trace.get("traceEvents")) {
            if (e.get("ph").asText().equals("X")) {
                JsonNode request = e.get("args").get("request_id");
                assertTrue(request != null, "slice without args.request_id: " + e);
                tidsOfRequest.computeIfAbsent(request.asLong(), k -> new java.util.TreeSet<>()).add(e.get("tid").asLong());
            }
        }
        // 512 prompt tokens in chunks of at most 128 through two stages: the chunks overlap, so request 0 needs tracks
        assertTrue(tidsOfRequest.get(0L).size() > 1, "tracks of request 0: " + tidsOfRequest.get(0L));
        assertTrue(tidsOfRequest.get(0L).contains(0L), "request 0's first track is tid 0");
        // tids of different requests never collide
        java.util.Set<Long> seen = new java.util.HashSet<>();
        tidsOfRequest.values().forEach(ts -> ts.forEach(t -> assertTrue(seen.add(t), "tid " + t + " shared")));
    }
}
