package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scenario whose model is a config.json beside it: found relative to the scenario, recorded relative, refused by name. */
class ModelConfigScenarioTest {
    @TempDir
    Path tmp;

    private Path scenario(String model) throws IOException {
        Path dir = tmp.resolve("study");
        Files.createDirectories(dir.resolve("models/tiny"));
        Files.writeString(dir.resolve("models/tiny/config.json"), """
                {"hidden_size": 1024, "intermediate_size": 4096, "max_position_embeddings": 8192,
                 "num_attention_heads": 16, "num_hidden_layers": 4, "num_key_value_heads": 4, "vocab_size": 32000}
                """);
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, """
                name: tiny
                workload: {source: closed, requests: 2, prompt_tokens: 16, output_tokens: 4}
                systems:
                  - kind: roofline
                    name: r
                    model: %s
                """.formatted(model));
        return f;
    }

    @Test
    void aConfigBesideTheScenarioRunsFromAnyWorkingDirectoryAndIsRecordedRelative() throws Exception {
        Path s = scenario("{config: models/tiny/config.json}");
        Path out = tmp.resolve("out");
        CliTestSupport.Result r = CliTestSupport.run("run", s.toString(), "--out", out.toString(), "-q");
        assertEquals(0, r.exit(), r.err());
        String resolved = Files.readString(out.resolve("scenario.resolved.yaml"));
        assertTrue(resolved.contains("name: tiny") && resolved.contains("config: models/tiny/config.json"), resolved);
        // the recorded scenario, copied beside the original, runs to the same outputs
        Files.writeString(s.resolveSibling("again.yaml"), resolved);
        Path out2 = tmp.resolve("out2");
        assertEquals(0, CliTestSupport.run("run", s.resolveSibling("again.yaml").toString(), "--out", out2.toString(), "-q")
                .exit());
        assertEquals(Files.readString(out.resolve("tokens.csv")), Files.readString(out2.resolve("tokens.csv")));
    }

    @Test
    void aMissingOrBadConfigIsRefusedBeforeSimulatingNamingTheFileAndKey() throws Exception {
        CliTestSupport.Result r = CliTestSupport.run("validate", scenario("{config: models/none/config.json}").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("systems[0].model: config:") && r.err().contains("no such file"), r.err());
        Path s = scenario("{config: models/tiny/config.json}");
        Files.writeString(s.resolveSibling("models/tiny/config.json"), "{\"num_hidden_layers\": 4}");
        r = CliTestSupport.run("validate", s.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("config.json: hidden_size: required"), r.err());
    }
}
