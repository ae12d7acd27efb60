package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trace path written for a checkout beside shared/ is found under --traces from anywhere else. */
class TracesOptionTest {
    @TempDir
    Path tmp;

    private Path scenario() throws IOException {
        // two levels below the temporary directory, so ../../shared/ is inside it (and missing) wherever it sits:
        // with the scenario at TMP/scenarios/, a /tmp/shared of someone else's would be found
        Path f = tmp.resolve("checkout").resolve("scenarios").resolve("t.yaml");
        Files.createDirectories(f.getParent());
        Files.writeString(f, """
                name: t
                seed: 1
                workload:
                  source: trace
                  trace:
                    path: ../../shared/traces/azure-llm-2023/AzureLLMInferenceTrace_conv.csv
                    format: azure
                systems:
                  - kind: roofline
                    name: r
                    model: llama-3.1-8b
                    peak_flops_per_s: 989.4TFLOP/s
                    memory_bandwidth_bytes_per_s: 3.35TB/s
                    memory_bytes: 80GB
                """);
        return f;
    }

    private Path traces() throws IOException {
        Path dir = tmp.resolve("elsewhere");
        Path f = dir.resolve("azure-llm-2023").resolve("AzureLLMInferenceTrace_conv.csv");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.6805900,374,44\n"
                + "2023-11-16 18:15:50.9951690,396,109\n");
        return dir;
    }

    @Test
    void validate_traceMissingBesideScenario_refusedWithExit2() throws IOException {
        CliTestSupport.Result r = CliTestSupport.run("validate", scenario().toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("AzureLLMInferenceTrace_conv.csv"), r.err());
    }

    @Test
    void validateAndDescribe_tracesFlag_findTheFileByItsTailUnderTheFolder() throws IOException {
        Path s = scenario();
        String dir = traces().toString();
        CliTestSupport.Result v = CliTestSupport.run("validate", "--traces", dir, s.toString());
        assertEquals(0, v.exit(), v.err());
        CliTestSupport.Result d = CliTestSupport.run("describe", "--traces", dir, s.toString());
        assertEquals(0, d.exit(), d.err());
    }

    @Test
    void run_tracesFlag_replaysTheFileFoundThere() throws IOException {
        Path out = tmp.resolve("out");
        CliTestSupport.Result r = CliTestSupport.run("run", "--traces", traces().toString(), scenario().toString(),
                "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("summary.csv")));
    }

    @Test
    void run_traceBesideScenario_resolvedYamlRecordsThePathRelativeToTheScenarioFile() throws IOException {
        Path s = scenario();
        Path traces = traces();
        // the shipped scenarios' layout: the trace two directories up from the scenario file
        Path scenarioInTree = tmp.resolve("a").resolve("b").resolve("t.yaml");
        Files.createDirectories(scenarioInTree.getParent());
        Files.writeString(scenarioInTree, Files.readString(s).replace("../../shared/traces/", "../../elsewhere/"));
        Path out = tmp.resolve("out2");
        CliTestSupport.Result r = CliTestSupport.run("run", scenarioInTree.toString(), "--out", out.toString(), "-q");
        assertEquals(0, r.exit(), r.err());
        String yaml = Files.readString(out.resolve("scenario.resolved.yaml"));
        assertTrue(yaml.contains("path: ../../elsewhere/azure-llm-2023/AzureLLMInferenceTrace_conv.csv"), yaml);
        assertTrue(!yaml.contains(traces.toString()), "absolute path recorded: " + yaml);
    }
}
