package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refusal found after binding (placement, deployment, a model's limits, a request against the context) names the
 * file and the line and column of the field it refuses, as the loader's own refusals do: {@code FILE:LINE:COL: path:
 * message}. Line numbers below count from 1 in the texts as written.
 */
class RefusalLocationTest {
    @TempDir
    Path tmp;

    private static final String TWO_SYSTEMS = """
            name: tp3
            workload: {source: closed, requests: 2, prompt_tokens: 16, output_tokens: 2}
            systems:
              - kind: gpu
                name: a
                model: llama-3.1-8b
                gpu: h100
              - kind: gpu
                name: b.v1
                model: llama-3.1-70b
                gpu: h100
                tensor_parallel: 3
            """;

    private Path write(String name, String text) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static String refusal(String... args) {
        var r = CliTestSupport.run(args);
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err() + r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        return r.err().strip();
    }

    @Test
    void tensorParallelNotDividingHeads_namesTheLineOfTheKey_inValidateAndRun() throws Exception {
        Path f = write("tp3.yaml", TWO_SYSTEMS);
        String expected = f + ":12:5: systems[1] (b.v1): tensor_parallel: must divide llama-3.1-70b's 64 attention heads";
        assertTrue(refusal("validate", f.toString()).startsWith("error: " + expected), refusal("validate", f.toString()));
        String run = refusal("run", f.toString(), "--out", tmp.resolve("o").toString(), "-q");
        assertTrue(run.startsWith("error: " + expected), run);
    }

    @Test
    void modelThatDoesNotFit_namesTheSystemsEntry() throws Exception {
        Path f = write("nofit.yaml", TWO_SYSTEMS.replace("llama-3.1-70b", "llama-3.1-405b").replace(
                "    tensor_parallel: 3\n", ""));
        String err = refusal("validate", f.toString());
        assertTrue(err.startsWith("error: " + f + ":8:5: systems[1] (b.v1): placement: llama-3.1-405b does not fit"), err);
    }

    @Test
    void requestBeyondTheContext_namesTheWorkload() throws Exception {
        Path f = write("ctx.yaml", TWO_SYSTEMS.replace("prompt_tokens: 16", "prompt_tokens: 200000")
                .replace("    tensor_parallel: 3\n", "    tensor_parallel: 4\n"));
        String err = refusal("validate", f.toString());
        assertTrue(err.startsWith("error: " + f + ":2:1: workload: request 0 needs 200002 tokens of context"), err);
        assertTrue(err.contains("(systems[0], a)"), err);
    }

    @Test
    void draftLayersBeyondTheModel_namesTheLineOfTheKey() throws Exception {
        Path f = write("draft.yaml", """
                name: draft
                workload: {source: closed, requests: 2, prompt_tokens: 16, output_tokens: 2}
                systems:
                  - kind: gpu
                    name: b
                    model: llama-3.1-8b
                    gpu: h100
                    serving:
                      speculative:
                        draft_tokens: 2
                        draft_layers: 1000
                        acceptance_rate: 0.5
                """);
        String err = refusal("validate", f.toString());
        assertTrue(err.startsWith("error: " + f + ":11:9: systems[0].serving.speculative.draft_layers: must be at most"
                + " the 32 layers"), err);
    }

    @Test
    void valueARecordRefuses_isPlacedAtItsKey_notAtTheEndOfTheMapping() throws Exception {
        Path f = write("neg.yaml", TWO_SYSTEMS.replace("tensor_parallel: 3", "tensor_parallel: -3"));
        String err = refusal("validate", f.toString());
        assertTrue(err.startsWith("error: " + f + ":12:5: systems[1]: tensor_parallel: must be in 1..131072, got -3"), err);
    }

    @Test
    void jsonScenario_namesTheLineToo() throws Exception {
        Path f = write("tp3.json", """
                {"name": "tp3",
                 "workload": {"source": "closed", "requests": 2, "prompt_tokens": 16, "output_tokens": 2},
                 "systems": [
                   {"kind": "gpu", "name": "b", "model": "llama-3.1-70b", "gpu": "h100",
                    "tensor_parallel": 3}]}
                """);
        String err = refusal("validate", f.toString());
        assertTrue(err.startsWith("error: " + f + ":5:5: systems[0] (b): tensor_parallel: must divide"), err);
    }

    @Test
    void sweepPoint_namesTheAxisThatSetsTheField_orTheBaseFileAndLine() throws Exception {
        Path base = write("base.yaml", TWO_SYSTEMS.replace("llama-3.1-70b", "llama-3.1-8b")
                .replace("    tensor_parallel: 3\n", ""));
        Path byAxis = write("by-axis.yaml", """
                name: s
                base: base.yaml
                axes:
                  - path: systems[*].tensor_parallel
                    values: [1, 3]
                """);
        String err = refusal("validate", byAxis.toString());
        assertTrue(err.startsWith("error: " + byAxis + ":5:5: point 1 (tensor_parallel=3): axes[0]: systems[0] (a):"
                + " tensor_parallel: must divide"), err);

        Files.writeString(base, TWO_SYSTEMS);
        Path other = write("other-axis.yaml", """
                name: s
                base: base.yaml
                axes:
                  - path: workload.output_tokens
                    values: [2, 3]
                """);
        err = refusal("sweep", other.toString(), "--out", tmp.resolve("o").toString(), "-q");
        assertTrue(err.startsWith("error: " + other + ": point 0 (output_tokens=2): " + base + ":12:5: systems[1] (b.v1):"
                + " tensor_parallel: must divide"), err);
    }

    @Test
    void leadingPath_joinsTheKeysBeforeEachColon_andDropsSystemNames() {
        assertEquals("systems[1].tensor_parallel",
                SourceLocations.leadingPath("systems[1] (wse3-1.4ghz): tensor_parallel: must divide x: y"));
        assertEquals("systems[0].serving.prefill.system.wafers",
                SourceLocations.leadingPath("systems[0] (d).serving.prefill.system (p): wafers: needs 3, got 1"));
        assertEquals("", SourceLocations.leadingPath("no such file"));
    }

    @Test
    void locations_fallBackToTheDeepestKeyTheFileHas() {
        SourceLocations at = SourceLocations.of(TWO_SYSTEMS.getBytes(StandardCharsets.UTF_8), true);
        assertEquals(":12:5", at.at("systems[1].tensor_parallel"));
        assertEquals(":8:5", at.at("systems[1].serving.batch_limit"));
        assertEquals(":2:1", at.at("workload"));
        assertEquals("", at.at("bogus"));
    }

    @Test
    void expertParallelBeyondTheRoutedExperts_isRefusedAtItsLine() throws Exception {
        // gpt-oss-120b routes over 128 experts per layer: ranks 129..1000 would hold none
        Path f = write("ep.yaml", TWO_SYSTEMS.replace("llama-3.1-70b", "gpt-oss-120b")
                .replace("tensor_parallel: 3", "tensor_parallel: 8\n    expert_parallel: 1000"));
        String err = refusal("validate", f.toString());
        assertTrue(err.startsWith("error: " + f + ":13:5: systems[1].expert_parallel: must be at most the 128 routed"
                + " experts of gpt-oss-120b"), err);
        Files.writeString(f, TWO_SYSTEMS.replace("llama-3.1-70b", "gpt-oss-120b")
                .replace("tensor_parallel: 3", "tensor_parallel: 8\n    expert_parallel: 8"));
        var ok = CliTestSupport.run("validate", f.toString());
        assertEquals(0, ok.exit(), ok.err());
    }
}
