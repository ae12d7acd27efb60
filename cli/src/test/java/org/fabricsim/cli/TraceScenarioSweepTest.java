package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario that replays a trace has no {@code requests} key (the file's rows are the requests); sweeps over it
 * and {@code run --trace-requests} on it crashed with a NullPointerException reading that key.
 */
class TraceScenarioSweepTest {
    @TempDir
    Path tmp;

    /** Five Azure rows, the shape of scenarios/trace-azure-conv.yaml, with its trace beside it. */
    private Path azureScenario() throws IOException {
        Files.writeString(tmp.resolve("conv.csv"), """
                TIMESTAMP,ContextTokens,GeneratedTokens
                2023-11-16 18:15:46.6805900,374,44
                2023-11-16 18:15:50.9951690,396,10
                2023-11-16 18:15:51.2000000,120,3
                2023-11-16 18:15:52.0000000,80,5
                2023-11-16 18:15:53.0000000,64,2
                """);
        Path f = tmp.resolve("trace-azure.yaml");
        Files.writeString(f, """
                name: trace-azure
                seed: 1
                workload:
                  source: trace
                  trace:
                    path: conv.csv
                    format: azure
                  max_duration_s: 600
                systems:
                  - kind: roofline
                    name: r
                    model: llama-3.1-8b
                    peak_flops_per_s: 989.4TFLOP/s
                    memory_bandwidth_bytes_per_s: 3.35TB/s
                    memory_bytes: 80GB
                    serving:
                      batch_limit: 64
                """);
        return f;
    }

    /** Four Mooncake rows, the shape of scenarios/trace-mooncake.yaml (max_requests and time_scale). */
    private Path mooncakeScenario() throws IOException {
        Files.writeString(tmp.resolve("conv.jsonl"), """
                {"timestamp": 0, "input_length": 675, "output_length": 5, "hash_ids": [0, 1]}
                {"timestamp": 0, "input_length": 732, "output_length": 4, "hash_ids": [0, 14]}
                {"timestamp": 3000, "input_length": 723, "output_length": 7, "hash_ids": [0, 28]}
                {"timestamp": 6000, "input_length": 100, "output_length": 3, "hash_ids": [2]}
                """);
        Path f = tmp.resolve("trace-mooncake.yaml");
        Files.writeString(f, """
                name: trace-mooncake
                seed: 1
                workload:
                  source: trace
                  trace:
                    path: conv.jsonl
                    format: mooncake
                    bucket_s: 3
                  max_requests: 3
                  time_scale: 4
                systems:
                  - kind: roofline
                    name: r
                    model: llama-3.1-8b
                    peak_flops_per_s: 989.4TFLOP/s
                    memory_bandwidth_bytes_per_s: 3.35TB/s
                    memory_bytes: 80GB
                    serving:
                      batch_limit: 32
                """);
        return f;
    }

    private Path sweepOver(Path base, String name) throws IOException {
        Path f = tmp.resolve(name + "-sweep.yaml");
        Files.writeString(f, "name: " + name + "\nbase: " + base.getFileName() + "\nreplications: 2\naxes:\n"
                + "  - path: systems[0].serving.batch_limit\n    values: [1, 8]\n");
        return f;
    }

    private static long dataRows(Path csv) throws IOException {
        return Files.readAllLines(csv).size() - 1L;
    }

    @Test
    void sweep_overAzureTraceBase_runsEveryPointOverTheTracesRows() throws Exception {
        Path out = tmp.resolve("azure-out");
        var r = CliTestSupport.run("sweep", sweepOver(azureScenario(), "az").toString(), "--out", out.toString(), "--jobs", "2");
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        for (String p : new String[] {"p0000", "p0001"}) {
            // 5 trace rows x 2 replications
            assertEquals(10, dataRows(out.resolve("points").resolve(p).resolve("requests.csv")), p);
        }
        assertTrue(Files.readString(out.resolve("sweep.csv")).contains("batch_limit"));
    }

    @Test
    void sweep_overMooncakeTraceBase_runsEveryPoint() throws Exception {
        Path out = tmp.resolve("mooncake-out");
        var r = CliTestSupport.run("sweep", sweepOver(mooncakeScenario(), "mc").toString(), "--out", out.toString(), "-q");
        assertEquals(0, r.exit(), r.err());
        // max_requests 3 of 4 rows, 2 replications
        assertEquals(6, dataRows(out.resolve("points/p0001/requests.csv")));
    }

    @Test
    void run_traceRequestsOnATraceReplay_writesTheTraceOfThoseRequests() throws Exception {
        Path out = tmp.resolve("run-out");
        var r = CliTestSupport.run("run", azureScenario().toString(), "--out", out.toString(), "--trace-requests", "0,4",
                "-q");
        assertEquals(0, r.exit(), r.err());
        JsonNode trace = new ObjectMapper().readTree(out.resolve("trace.json").toFile());
        boolean sawRequest4 = false;
        for (JsonNode e : trace.path("traceEvents")) {
            sawRequest4 |= e.path("ph").asText().equals("X") && e.path("tid").asLong() == 4;
        }
        assertTrue(sawRequest4, trace.toString());
    }

    @Test
    void run_traceRequestsBeyondTheTracesRows_exits2NamingTheCount() throws Exception {
        Path out = tmp.resolve("run-out");
        var r = CliTestSupport.run("run", mooncakeScenario().toString(), "--out", out.toString(), "--trace-requests", "3",
                "-q");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("there is no request 3; the workload has 3 requests"), r.err());
        assertFalse(Files.exists(out));
    }
}
