package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scenario key serving.expert_placement, and expert_popularity's counts file, as a user meets them. */
class ExpertPlacementScenarioTest {
    @TempDir
    Path tmp;

    static final String GPU = """
            name: t
            workload: {source: closed, requests: 1, prompt_tokens: 16, output_tokens: 2}
            systems:
              - kind: gpu
                name: g
                model: gpt-oss-120b
                gpu: h100
                expert_parallel: 2
                serving:
                  expert_popularity: {distribution: zipf, exponent: 1.0}
                  expert_placement: {policy: round_robin, hot_replicas: 4}
            """;

    private Path write(Path dir, String text) throws IOException {
        Files.createDirectories(dir);
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, text);
        return f;
    }

    /** Validates a scenario through the command line: its exit code and error text. */
    private CliTestSupport.Result validate(String text) throws IOException {
        return CliTestSupport.run("validate", write(tmp, text).toString());
    }

    @Test
    void goodPlacement_validates() throws IOException {
        CliTestSupport.Result r = validate(GPU);
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void unknownPolicy_exits2_namingTheFieldAndValue() throws IOException {
        CliTestSupport.Result r = validate(GPU.replace("policy: round_robin", "policy: roundrobin"));
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("systems[0].serving.expert_placement") && r.err().contains("policy")
                && r.err().contains("'roundrobin'") && r.err().contains("round_robin"), r.err());
    }

    @Test
    void misspeltKey_exits2_suggestingTheKnownOne() throws IOException {
        CliTestSupport.Result r = validate(GPU.replace("hot_replicas: 4", "hot_replica: 4"));
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown key 'hot_replica'") && r.err().contains("did you mean 'hot_replicas'"),
                r.err());
    }

    @Test
    void negativeReplicas_exit2_namingTheValue() throws IOException {
        CliTestSupport.Result r = validate(GPU.replace("hot_replicas: 4", "hot_replicas: -1"));
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("hot_replicas") && r.err().contains("got -1"), r.err());
    }

    @Test
    void moreReplicasThanRoutedExperts_exit2_sayingHowManyThereAre() throws IOException {
        // gpt-oss-120b has 128 routed experts per MoE layer
        CliTestSupport.Result r = validate(GPU.replace("hot_replicas: 4", "hot_replicas: 129"));
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("systems[0].serving.expert_placement.hot_replicas") && r.err().contains("128 routed")
                && r.err().contains("got 129"), r.err());
    }

    @Test
    void replicasWithoutExpertParallelism_orRoundRobinOnAWafer_exit2() throws IOException {
        CliTestSupport.Result r = validate(GPU.replace("expert_parallel: 2", "expert_parallel: 1"));
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("hot_replicas") && r.err().contains("expert_parallel 1"), r.err());
        r = validate(GPU.replace("kind: gpu", "kind: wafer").replace("    gpu: h100\n", "")
                .replace("    expert_parallel: 2\n", ""));
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("expert_placement.policy") && r.err().contains("'round_robin'"), r.err());
    }

    @Test
    void countsFile_isReadRelativeToTheScenarioFile_notTheWorkingDirectory() throws Exception {
        Path dir = tmp.resolve("elsewhere");
        Files.createDirectories(dir);
        StringBuilder counts = new StringBuilder();
        for (int e = 0; e < 128; e++) {
            counts.append(128 - e).append('\n');
        }
        Files.writeString(dir.resolve("counts.txt"), counts);
        Path f = write(dir, GPU.replace("{distribution: zipf, exponent: 1.0}", "{distribution: counts, counts_file: counts.txt}"));
        // the test runs in the cli module's directory, which has no counts.txt
        assertTrue(Files.notExists(Path.of("counts.txt")));
        Scenario s = ScenarioLoader.load(f);
        double[] w = s.systems().get(0).serving().expertPopularity().weights(128, null);
        assertEquals(128, w[0]);
        assertEquals(1, w[127]);
        CliTestSupport.Result r = CliTestSupport.run("validate", f.toString());
        assertEquals(0, r.exit(), r.err());
    }
}
